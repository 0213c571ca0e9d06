package dev.wall.player.cli.layout;

import dev.wall.core.io.AtomicFile;
import dev.wall.core.layout.InvalidLayoutException;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.player.cli.common.BadInputException;
import dev.wall.player.cli.common.CommonOptions;
import dev.wall.player.cli.common.ExitCodes;
import dev.wall.player.cli.common.WallFailure;
import dev.wall.player.preview.WallPicture;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wall preview}: a PNG of the wall to scale, to check what plays where. */
@Command(
    name = "preview",
    description = "Draw the wall to scale as a PNG: each screen with name, rank, host and clip.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  wall preview lobby.json --out wall.png",
      "  wall preview atrium.json --out atrium.png --width 2400",
      "",
      "With a 'wall' and a region for every screen, screens sit where they hang,",
      "the dark gaps between them are the bezels, and span crops are outlined in",
      "amber. Otherwise each display (host, output) is drawn with its windows.",
      "Runs headless: no display is needed.",
      "",
      "Exit codes: 0 ok, 1 the picture could not be written, 2 bad input."
    })
public final class PreviewCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The layout file.")
  Path file;

  @Option(
      names = "--out",
      paramLabel = "PNG",
      required = true,
      description = "Where to write the picture.")
  Path out;

  @Option(
      names = "--width",
      paramLabel = "PIXELS",
      defaultValue = "1600",
      description = "Width of the picture (default: ${DEFAULT-VALUE}).")
  int width;

  @Option(names = "--dry-run", description = "Draw the picture but do not write it.")
  boolean dryRun;

  @Override
  public Integer call() throws InvalidLayoutException {
    if (width < 200 || width > 10000) {
      throw new BadInputException("--width must be between 200 and 10000 pixels, got " + width);
    }
    Layout layout = new LayoutReader().read(file);
    System.setProperty("java.awt.headless", "true");
    String title = layout.name() != null ? layout.name() : file.getFileName().toString();
    BufferedImage image = new WallPicture(layout, title, width).draw();
    PrintWriter stdout = spec.commandLine().getOut();
    String size = image.getWidth() + "x" + image.getHeight();
    if (dryRun) {
      stdout.println("dry run: would write " + out + " (" + size + ")");
    } else {
      writePng(image);
      stdout.println("wrote " + out + " (" + size + ")");
    }
    stdout.flush();
    return ExitCodes.OK;
  }

  private void writePng(BufferedImage image) {
    try {
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ImageIO.write(image, "png", png);
      new AtomicFile().write(out, png.toByteArray());
    } catch (IOException e) {
      throw new WallFailure(
          ExitCodes.RUNTIME_FAILURE, "cannot write " + out + " (" + e.getMessage() + ")");
    }
  }
}
