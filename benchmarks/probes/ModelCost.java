import java.lang.management.ManagementFactory;

/** Fresh-JVM cost of building rdump's whole picocli command model (what every command but `rdump sure ...` builds). */
public class ModelCost {
    /** A new {@code RdumpCommand.All} (package-private). */
    static Object all() throws Exception {
        var k = Class.forName("org.rdump.cli.RdumpCommand$All").getDeclaredConstructor();
        k.setAccessible(true);
        return k.newInstance();
    }

    public static void main(String[] a) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var cl = ManagementFactory.getClassLoadingMXBean();
        int c0 = cl.getLoadedClassCount();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Object top = all();
        picocli.CommandLine c = new picocli.CommandLine(top);
        long t1 = System.nanoTime();
        long cpu1 = os.getProcessCpuTime();
        System.out.printf("model: %.1f ms wall, %.1f ms CPU, %d classes, %d subcommands%n", (t1 - t0) / 1e6,
                (cpu1 - cpu0) / 1e6, cl.getLoadedClassCount() - c0, c.getSubcommands().size());
        long t2 = System.nanoTime();
        picocli.CommandLine again = new picocli.CommandLine(all());
        System.out.printf("second model in the same JVM: %.1f ms%n", (System.nanoTime() - t2) / 1e6);
    }
}
