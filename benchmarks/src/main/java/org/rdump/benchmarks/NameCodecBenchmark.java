package org.rdump.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.rdump.integrity.node.NameCodec;

/**
 * {@link NameCodec} on 1,024 names per operation (score: ns per name). {@code typical}: ASCII
 * file names as found in source trees and home directories ({@code f01234.java},
 * {@code IMG_2041.jpg}), which need no escaping; {@code spaces}: a few spaces and UTF-8 letters per
 * name; {@code hostile}: names of random bytes (controls, {@code = [ ]}, bytes >= 0x80), nearly
 * every byte escaped.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/sun.nio.fs=ALL-UNNAMED")
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class NameCodecBenchmark {
    static final int NAMES = 1024;

    @Param({"typical", "spaces", "hostile"})
    public String kind;

    private byte[][] raw;
    private String[] escaped;

    @Setup
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(11);
        String[] exts = {"java", "c", "h", "txt", "json", "jpg", "md", "class", "so", "tar.gz"};
        String[] words = {"Photo", "Résumé", "notes de cours", "Ünïcödé", "my file", "été 2023", "année"};
        raw = new byte[NAMES][];
        escaped = new String[NAMES];
        for (int i = 0; i < NAMES; i++) {
            raw[i] = switch (kind) {
                case "typical" -> ("f" + String.format("%05d", rnd.nextInt(100_000)) + "_" + Integer.toHexString(rnd.nextInt())
                        + "." + exts[rnd.nextInt(exts.length)]).getBytes(StandardCharsets.US_ASCII);
                case "spaces" -> (words[rnd.nextInt(words.length)] + " (" + rnd.nextInt(100) + ")."
                        + exts[rnd.nextInt(exts.length)]).getBytes(StandardCharsets.UTF_8);
                case "hostile" -> {
                    byte[] b = new byte[8 + rnd.nextInt(40)];
                    for (int k = 0; k < b.length; k++) {
                        int v;
                        do {
                            v = rnd.nextInt(256);
                        } while (v == 0 || v == '/');
                        b[k] = (byte) v;
                    }
                    yield b;
                }
                default -> throw new IllegalArgumentException(kind);
            };
            escaped[i] = NameCodec.escape(raw[i]);
        }
    }

    @Benchmark
    @OperationsPerInvocation(NAMES)
    public void escape(Blackhole bh) {
        for (byte[] r : raw) {
            bh.consume(NameCodec.escape(r));
        }
    }

    @Benchmark
    @OperationsPerInvocation(NAMES)
    public void unescape(Blackhole bh) {
        for (String e : escaped) {
            bh.consume(NameCodec.unescape(e));
        }
    }
}
