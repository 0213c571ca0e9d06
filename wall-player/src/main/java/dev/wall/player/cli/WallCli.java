package dev.wall.player.cli;

import dev.wall.core.layout.InvalidLayoutException;
import dev.wall.core.layout.Problem;
import dev.wall.player.cli.layout.AssignCommand;
import dev.wall.player.cli.layout.HostfileCommand;
import dev.wall.player.cli.layout.LoopsCommand;
import dev.wall.player.cli.layout.PreviewCommand;
import dev.wall.player.cli.layout.ScreensCommand;
import dev.wall.player.cli.layout.ValidateCommand;
import dev.wall.player.cli.setup.SetupCommand;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The whole CLI, over the streams it is given, so tests run it in-process and read its output.
 * Failures become one line on {@code err} and an exit code; {@code --stacktrace} adds the trace.
 */
@Command(
    name = "wall",
    mixinStandardHelpOptions = true,
    versionProvider = WallVersion.class,
    description = "Synchronized multi-screen video wall on Open MPI.",
    subcommands = {
      CommandLine.HelpCommand.class,
      PlayCommand.class,
      ValidateCommand.class,
      ScreensCommand.class,
      AssignCommand.class,
      LoopsCommand.class,
      HostfileCommand.class,
      PreviewCommand.class,
      DemoCommand.class,
      SetupCommand.class
    })
public final class WallCli {

  private WallCli() {}

  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return commandLine(out, err).execute(args);
  }

  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new WallCli());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(new FailureHandler(args -> Arrays.asList(args).contains("--stacktrace")));
    cli.setParameterExceptionHandler(new ShortParameterErrors());
    cli.setExitCodeExceptionMapper(failure -> ExitCodes.RUNTIME_FAILURE);
    return cli;
  }

  /** Picocli's usage dump hides the one line that matters; show that line and where help is. */
  private static final class ShortParameterErrors implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
      CommandLine cmd = e.getCommandLine();
      PrintWriter err = cmd.getErr();
      err.println("wall: " + e.getMessage());
      err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
      err.flush();
      return ExitCodes.BAD_INPUT;
    }
  }

  private record FailureHandler(java.util.function.Predicate<String[]> wantsTrace)
      implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
      PrintWriter err = cmd.getErr();
      int code = report(e, err);
      if (wantsTrace.test(parsed.originalArgs().toArray(String[]::new))) {
        e.printStackTrace(err);
      }
      err.flush();
      return code;
    }

    private static int report(Exception e, PrintWriter err) {
      if (e instanceof InvalidLayoutException invalid) {
        invalid.problems().stream().map(Problem::line).forEach(err::println);
        return ExitCodes.BAD_INPUT;
      }
      if (e instanceof BadInputException) {
        err.println("wall: " + e.getMessage());
        return ExitCodes.BAD_INPUT;
      }
      if (e instanceof WallFailure failure) {
        err.println("wall: " + failure.getMessage());
        return failure.exitCode();
      }
      err.println("wall: " + e + " (run again with --stacktrace for details)");
      return ExitCodes.RUNTIME_FAILURE;
    }
  }
}
