import java.lang.management.ManagementFactory;

/** Fresh-JVM cost of building the model `rdump sure ...` parses with: rdump's options and `sure` only. */
public class SureOnlyModelCost {
    public static void main(String[] a) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var cl = ManagementFactory.getClassLoadingMXBean();
        int c0 = cl.getLoadedClassCount();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        var k = Class.forName("org.rdump.cli.RdumpCommand$SureOnly").getDeclaredConstructor();
        k.setAccessible(true);
        picocli.CommandLine c = new picocli.CommandLine(k.newInstance());
        long t1 = System.nanoTime();
        long cpu1 = os.getProcessCpuTime();
        System.out.printf("sure-only model: %.1f ms wall, %.1f ms CPU, %d classes, %d subcommands%n", (t1 - t0) / 1e6,
                (cpu1 - cpu0) / 1e6, cl.getLoadedClassCount() - c0, c.getSubcommands().size());
    }
}
