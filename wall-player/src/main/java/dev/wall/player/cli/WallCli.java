package dev.wall.player.cli;

import dev.wall.core.layout.InvalidLayoutException;
import dev.wall.core.layout.LayoutReader;
import dev.wall.core.layout.Problem;
import dev.wall.core.layout.Suggestions;
import dev.wall.player.cli.common.BadInputException;
import dev.wall.player.cli.common.ExitCodes;
import dev.wall.player.cli.common.WallFailure;
import dev.wall.player.cli.layout.AssignCommand;
import dev.wall.player.cli.layout.HostfileCommand;
import dev.wall.player.cli.layout.LoopsCommand;
import dev.wall.player.cli.layout.PreviewCommand;
import dev.wall.player.cli.layout.ScreensCommand;
import dev.wall.player.cli.layout.ValidateCommand;
import dev.wall.player.cli.media.MediaCommand;
import dev.wall.player.cli.media.PublishCommand;
import dev.wall.player.cli.setup.SetupCommand;
import dev.wall.player.launch.LaunchRefused;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The whole CLI, over the streams it is given, so tests run it in-process and read its output.
 * Failures become one line on {@code err} and an exit code; {@code --stacktrace} adds the trace.
 */
@Command(
    name = "wall",
    mixinStandardHelpOptions = true,
    versionProvider = WallVersion.class,
    description = "Synchronized multi-screen video wall on Open MPI.")
public final class WallCli {
  /**
   * Every subcommand, in the order help lists them. Picocli reads a command's annotations when it
   * is added, about 10 ms each in a cold JVM, so a run that names its subcommand gets only that one
   * (help, and anything picocli must suggest a name for, gets them all).
   */
  static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

  private static Map<String, Supplier<Object>> subcommands() {
    Map<String, Supplier<Object>> all = new LinkedHashMap<>();
    all.put("help", CommandLine.HelpCommand::new);
    all.put("play", PlayCommand::new);
    all.put("status", StatusCommand::new);
    all.put("ctl", CtlCommand::new);
    all.put("validate", ValidateCommand::new);
    all.put("screens", ScreensCommand::new);
    all.put("assign", AssignCommand::new);
    all.put("loops", LoopsCommand::new);
    all.put("hostfile", HostfileCommand::new);
    all.put("preview", PreviewCommand::new);
    all.put("demo", DemoCommand::new);
    all.put("setup", SetupCommand::commandLine);
    all.put("doctor", DoctorCommand::new);
    all.put("media", MediaCommand::commandLine);
    all.put("publish", PublishCommand::new);
    return Collections.unmodifiableMap(all);
  }

  private WallCli() {}

  public static int run(PrintWriter out, PrintWriter err, String... args) {
    String first = args.length > 0 ? args[0] : null;
    if (namesOneSubcommand(first)) {
      LayoutReader.warmUpInBackground(); // on the other core, while picocli reads its annotations
    }
    return commandLine(out, err, first).execute(args);
  }

  /** A subcommand other than help, which needs the whole tree to describe it. */
  private static boolean namesOneSubcommand(String first) {
    return first != null && SUBCOMMANDS.containsKey(first) && !first.equals("help");
  }

  /** The whole command tree. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return commandLine(out, err, null);
  }

  /**
   * The tree for a run whose first argument is {@code first}: only that subcommand, if it is one.
   */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, String first) {
    CommandLine cli = new CommandLine(new WallCli());
    if (namesOneSubcommand(first)) {
      cli.addSubcommand(first, SUBCOMMANDS.get(first).get());
    } else {
      SUBCOMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
    }
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        new FailureHandler(args -> Arrays.asList(args).contains("--stacktrace")));
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
      err.println("wall: " + e.getMessage() + suggestion(e));
      err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
      err.flush();
      return ExitCodes.BAD_INPUT;
    }

    /**
     * Picocli's own suggestions miss transpositions ("paly"); the layout's spelling check does not.
     */
    private static String suggestion(ParameterException e) {
      if (e instanceof UnmatchedArgumentException unmatched
          && !unmatched.getUnmatched().isEmpty()) {
        CommandLine cmd = e.getCommandLine();
        Set<String> words = new TreeSet<>(cmd.getSubcommands().keySet());
        words.addAll(cmd.getCommandSpec().optionsMap().keySet());
        return Suggestions.closest(unmatched.getUnmatched().get(0), words)
            .map(name -> " (did you mean " + name + "?)")
            .orElse("");
      }
      return "";
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
      if (e instanceof LaunchRefused refused) {
        err.println("wall: " + refused.getMessage());
        return ExitCodes.RUNTIME_FAILURE;
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
