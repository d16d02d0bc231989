package org.proxyconfig.bootstrap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The curl command line (Debian package curl) as a TLS client: what operators test with. */
final class Curl {

    /** curl's exit status, and what it printed: the HTTP status code last (-w). */
    record Result(int exit, String output) {
        int status() {
            return Integer.parseInt(output.substring(output.length() - 3));
        }
    }

    private Curl() {
    }

    static Result run(String... args) {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20", "-o", "/dev/null", "-w", "%{http_code}"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("curl did not finish: " + command);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new AssertionError("cannot run curl (Debian package curl): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
