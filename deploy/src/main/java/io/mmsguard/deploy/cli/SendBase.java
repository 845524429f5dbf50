package io.mmsguard.deploy.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What the {@code send} protocols share: the timeout, the mapping of failures to exit codes and one-line
 * messages (never a stack trace: this is a tool for trying a deployment by hand).
 */
abstract class SendBase implements Callable<Integer> {
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Connect timeout and wait for the answer (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--transaction-id",
            description = "Transaction id (MM1, MM4, MM7) or Message-ID local part (MM3); default: a random"
                    + " cli-... id.")
    String transactionId;

    @CommandLine.Mixin
    ContentOptions content;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Sends and prints the answer; returns the exit code. */
    abstract int send(PrintWriter out) throws Unreachable, IOException, InterruptedException;

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return send(out);
        } catch (CliException e) {
            err.println(name() + ": " + e.getMessage());
            return e.exitCode();
        } catch (IllegalArgumentException e) {
            err.println(name() + ": " + e.getMessage());
            return ExitCodes.CONFIG;
        } catch (Unreachable e) {
            err.println(name() + ": " + e.getMessage());
            return ExitCodes.UNREACHABLE;
        } catch (IOException e) {
            err.println(name() + ": failed: " + e);
            return ExitCodes.REFUSED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(name() + ": interrupted");
            return ExitCodes.REFUSED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }

    /** The given id, else one unique enough to find the message in the gateway's log. */
    String transactionId() {
        return transactionId != null ? transactionId : "cli-" + UUID.randomUUID().toString().substring(0, 13)
                .replace("-", "");
    }

    /** A media type without its parameters, lower case, as the codecs' part records want it. */
    static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** An MSISDN as an MMS address ({@code +4917.../TYPE=PLMN}); mail and typed addresses stay as they are. */
    static String mmsAddress(String address) {
        return address.contains("@") || address.contains("/TYPE=") ? address : address + "/TYPE=PLMN";
    }

    private String name() {
        return spec.qualifiedName();
    }
}
