package dev.wall.player.packaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * One roff man page per command of the CLI, written from picocli's model of it, so that the pages
 * say what {@code --help} says: {@code wall.1}, {@code wall-play.1}, {@code wall-setup-ssh.1}.
 * (picocli's own generator writes AsciiDoc, which would need Asciidoctor at build time.)
 */
public final class ManPages {
  private static final String EXIT_STATUS =
      "0 ok; 1 a runtime failure (a screen failed: the message names the screen and host);"
          + " 2 bad input (one line per problem: file, JSON path, what, how to fix), nothing changed;"
          + " 3 a node or rank was lost.";

  private ManPages() {}

  /** File name to page, for {@code root} and every command under it. */
  public static Map<String, String> of(CommandLine root, String release) {
    Map<String, String> pages = new LinkedHashMap<>();
    add(root, release, pages);
    return pages;
  }

  private static void add(CommandLine command, String release, Map<String, String> pages) {
    CommandSpec spec = command.getCommandSpec();
    if (spec.usageMessage().hidden()) {
      return;
    }
    pages.put(pageName(spec) + ".1", page(command, release));
    command
        .getSubcommands()
        .forEach(
            (name, sub) -> {
              if (!name.equals("help") && sub.getCommandSpec().name().equals(name)) {
                add(sub, release, pages);
              }
            });
  }

  static String pageName(CommandSpec spec) {
    return spec.qualifiedName("-");
  }

  static String page(CommandLine command, String release) {
    CommandSpec spec = command.getCommandSpec();
    String name = pageName(spec);
    StringBuilder out = new StringBuilder();
    out.append(".TH ")
        .append(escape(name.toUpperCase(java.util.Locale.ROOT)))
        .append(" 1 \"\" \"wall ")
        .append(escape(release))
        .append("\" \"wall manual\"\n");
    out.append(".SH NAME\n")
        .append(escape(name))
        .append(" \\- ")
        .append(escape(firstSentence(spec)))
        .append('\n');
    out.append(".SH SYNOPSIS\n.nf\n");
    Help help = new Help(spec, Help.defaultColorScheme(Help.Ansi.OFF));
    help.synopsis(0).strip().lines().forEach(l -> out.append(escapeLine(l)).append('\n'));
    out.append(".fi\n");
    String[] description = spec.usageMessage().description();
    if (description.length > 0) {
      out.append(".SH DESCRIPTION\n");
      for (String line : description) {
        out.append(escapeLine(line)).append("\n.PP\n");
      }
    }
    List<PositionalParamSpec> positionals =
        spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
    List<OptionSpec> options = spec.options().stream().filter(o -> !o.hidden()).toList();
    if (!positionals.isEmpty() || !options.isEmpty()) {
      out.append(".SH OPTIONS\n");
      for (PositionalParamSpec p : positionals) {
        out.append(".TP\n\\fI")
            .append(escape(p.paramLabel()))
            .append("\\fR\n")
            .append(escapeLine(String.join(" ", p.description())))
            .append('\n');
      }
      for (OptionSpec o : options) {
        out.append(".TP\n")
            .append(optionNames(o))
            .append('\n')
            .append(
                escapeLine(
                    String.join(" ", o.description())
                        .replace("${DEFAULT-VALUE}", String.valueOf(o.defaultValue()))))
            .append('\n');
      }
    }
    List<String> subcommands = new ArrayList<>();
    command
        .getSubcommands()
        .forEach(
            (sub, line) -> {
              if (!sub.equals("help") && !line.getCommandSpec().usageMessage().hidden()) {
                subcommands.add(sub);
              }
            });
    if (!subcommands.isEmpty()) {
      out.append(".SH COMMANDS\n");
      for (String sub : subcommands) {
        CommandSpec subSpec = command.getSubcommands().get(sub).getCommandSpec();
        out.append(".TP\n\\fB")
            .append(escape(sub))
            .append("\\fR\n")
            .append(escapeLine(firstSentence(subSpec)))
            .append(" See \\fB")
            .append(escape(pageName(subSpec)))
            .append("\\fR(1).\n");
      }
    }
    String[] footer = spec.usageMessage().footer();
    if (footer.length > 0) {
      out.append(".SH EXAMPLES\n.nf\n");
      for (String line : footer) {
        if (!line.isBlank() && !line.equals("Examples:")) {
          out.append(escapeLine(line)).append('\n');
        }
      }
      out.append(".fi\n");
    }
    out.append(".SH EXIT STATUS\n").append(escapeLine(EXIT_STATUS)).append('\n');
    out.append(".SH SEE ALSO\n");
    if (spec.parent() != null) {
      out.append("\\fB").append(escape(pageName(spec.parent()))).append("\\fR(1), ");
    }
    out.append("/opt/wall, and the project's README and docs/layout.md.\n");
    return out.toString();
  }

  private static String optionNames(OptionSpec o) {
    List<String> names = new ArrayList<>();
    for (String n : o.names()) {
      String label =
          o.typeInfo().isBoolean() || o.arity().max() == 0
              ? ""
              : "=\\fI" + escape(o.paramLabel()) + "\\fR";
      names.add("\\fB" + escape(n) + "\\fR" + label);
    }
    return String.join(", ", names);
  }

  private static String firstSentence(CommandSpec spec) {
    String[] description = spec.usageMessage().description();
    if (description.length == 0) {
      return spec.name();
    }
    return description[0];
  }

  /** A line that roff takes as text, never as a request. */
  static String escapeLine(String line) {
    String escaped = escape(line);
    return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
  }

  static String escape(String text) {
    return text.replace("\\", "\\e").replace("-", "\\-");
  }
}
