package dev.wall.player.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs a short helper process (ssh-keygen, ssh) from an argv list, with a deadline. */
public final class Processes {
  private Processes() {}

  public record Outcome(int exitCode, String stdout, String stderr) {
    /** The last line the process wrote to stderr, or its exit code when it wrote none. */
    public String lastErrorLine() {
      return stderr.strip().lines().reduce((a, b) -> b).orElse("exit " + exitCode);
    }
  }

  public static Outcome run(List<String> argv, String stdin, Duration timeout, Map<String, String> env)
      throws IOException {
    return run(argv, stdin.getBytes(StandardCharsets.UTF_8), timeout, env);
  }

  public static Outcome run(List<String> argv, byte[] stdin, Duration timeout, Map<String, String> env)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(argv);
    builder.environment().putAll(env);
    Process process = builder.start();
    CompletableFuture<String> out = drain(process.getInputStream());
    CompletableFuture<String> err = drain(process.getErrorStream());
    try (var in = process.getOutputStream()) {
      in.write(stdin);
    } catch (IOException e) {
      // The process may exit before reading its input; its exit code tells what happened.
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroy();
        if (!process.waitFor(2, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor(2, TimeUnit.SECONDS);
        }
        throw new IOException(argv.get(0) + " did not finish within " + timeout.toSeconds() + " s");
      }
      return new Outcome(process.exitValue(), out.get(), err.get());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException(argv.get(0) + " interrupted", e);
    } catch (ExecutionException e) {
      throw new IOException(argv.get(0) + ": cannot read its output", e);
    }
  }

  private static CompletableFuture<String> drain(java.io.InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "";
          }
        });
  }
}
