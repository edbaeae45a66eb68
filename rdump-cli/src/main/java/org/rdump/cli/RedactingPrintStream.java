package org.rdump.cli;

import java.io.PrintStream;
import org.rdump.api.command.Secrets;

/**
 * A print stream that masks every configured secret ({@link Secrets#redact}) in what is printed
 * as text: the command line's stdout and stderr go through one, so that no message, report or
 * stack trace shows a passphrase, wherever its text came from. {@code println}, {@code printf}
 * and {@code printStackTrace} all end in {@link #print(String)}.
 */
final class RedactingPrintStream extends PrintStream {
    RedactingPrintStream(PrintStream out) {
        super(out, true);
    }

    @Override
    public void print(String s) {
        super.print(Secrets.redact(s));
    }

    @Override
    public void print(Object obj) {
        print(String.valueOf(obj));
    }

    @Override
    public void print(char[] s) {
        print(new String(s));
    }
}
