package io.rta.server.cli;

import java.io.PrintStream;
import java.util.Arrays;

import io.rta.service.config.Options;
import io.rta.server.RtaServer;
import io.rta.server.ServerOptions;
import java.util.concurrent.CountDownLatch;

/** The {@code ./rta} command line: {@code server}, {@code bench sessions}, {@code help}. */
public final class Main {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one subcommand and returns the process exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            usage(err);
            return USAGE;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "server":
                    runServer(ServerOptions.load(rest));
                    return OK;
                case "bench":
                    return bench(rest, err);
                case "help":
                case "--help":
                case "-h":
                    usage(out);
                    return OK;
                default:
                    err.println("Unknown command '" + args[0] + "'.");
                    usage(err);
                    return USAGE;
            }
        } catch (IllegalArgumentException e) {
            err.println("rta " + args[0] + ": " + e.getMessage());
            return USAGE;
        } catch (Exception e) {
            err.println("rta " + args[0] + " failed: " + e.getMessage());
            e.printStackTrace(err);
            return FAILED;
        }
    }

    /** Runs the all-in-one server until the process is asked to stop (Ctrl-C, SIGTERM), then stops it cleanly. */
    static void runServer(Options options) throws Exception {
        RtaServer server = RtaServer.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "rta-shutdown"));
        stopped.await();
    }

    /** Runs a benchmark against a running server. */
    static void runBench(String benchmark, String[] args) {
        throw new UnsupportedOperationException("not wired yet");
    }

    private static int bench(String[] args, PrintStream err) {
        if (args.length == 0 || !args[0].equals("sessions")) {
            err.println("Unknown benchmark" + (args.length == 0 ? "" : " '" + args[0] + "'") + ".");
            usage(err);
            return USAGE;
        }
        runBench(args[0], Arrays.copyOfRange(args, 1, args.length));
        return OK;
    }

    private static void usage(PrintStream out) {
        out.println("Usage:");
        out.println("  ./rta server [--Option value ...]   run the all-in-one server (embedded broker and registry"
                + " unless BootstrapServers / RegistryUrl are set)");
        out.println("  ./rta bench sessions [...]          load sessions through gRPC and print ingest and query"
                + " figures");
        out.println("  ./rta help                          show this help");
        out.println();
        out.println("Options (also RTA_<NAME> environment variables, ':' written '__', or a JSON --Config file):");
        for (var def : ServerOptions.ALL) {
            String shownDefault = def.documentedDefault().isEmpty() ? "" : " (default " + def.documentedDefault() + ")";
            out.println("  --" + def.name() + shownDefault);
            out.println("      " + def.doc());
        }
    }
}
