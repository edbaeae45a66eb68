import java.lang.management.ManagementFactory;

/** Fresh-JVM cost of building rdump's whole picocli command model (what `rdump sure ...` pays today). */
public class ModelCost {
    public static void main(String[] a) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var cl = ManagementFactory.getClassLoadingMXBean();
        int c0 = cl.getLoadedClassCount();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Object top = Class.forName("org.rdump.cli.RdumpCommand").getConstructor().newInstance();
        picocli.CommandLine c = new picocli.CommandLine(top);
        long t1 = System.nanoTime();
        long cpu1 = os.getProcessCpuTime();
        System.out.printf("model: %.1f ms wall, %.1f ms CPU, %d classes, %d subcommands%n", (t1 - t0) / 1e6,
                (cpu1 - cpu0) / 1e6, cl.getLoadedClassCount() - c0, c.getSubcommands().size());
        long t2 = System.nanoTime();
        picocli.CommandLine again = new picocli.CommandLine(Class.forName("org.rdump.cli.RdumpCommand").getConstructor().newInstance());
        System.out.printf("second model in the same JVM: %.1f ms%n", (System.nanoTime() - t2) / 1e6);
    }
}
