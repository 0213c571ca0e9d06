package dev.wall.player.cli.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.cli.common.BadInputException;
import dev.wall.player.media.Publisher;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PublishCommandTest {
  @Test
  void sizesAreReadInPowersOf1024() {
    assertEquals(20L << 30, PublishCommand.bytes("20GiB"));
    assertEquals(500L << 20, PublishCommand.bytes("500MB"));
    assertEquals(3L << 39, PublishCommand.bytes("1.5T"));
    assertEquals(4096, PublishCommand.bytes("4096"));
    assertThrows(BadInputException.class, () -> PublishCommand.bytes("lots"));
    assertThrows(BadInputException.class, () -> PublishCommand.bytes("0"));
  }

  @Test
  void aNodesLineSaysSentAlreadyThereFailedAndEachFailureSaysWhatToDo() {
    Path cache = Path.of("/var/cache/wall/media");
    Publisher.NodeReport report =
        new Publisher.NodeReport(
            "rpi3",
            cache,
            null,
            2,
            1,
            3,
            List.of(new Publisher.Failure("s3", Path.of("/srv/wall/a.mp4"), "no answer")),
            Set.of(),
            1,
            2048,
            5L << 30,
            1L << 30,
            "rsync");
    String line = PublishCommand.line(report, 20L << 30);
    assertEquals(
        "rpi3: sent 2 (1 of them damaged there: replaced), already there 3, failed 1 (rsync);"
            + " removed 1 old file (2 KiB); cache 5 GiB of 20 GiB",
        line);
    String advice = PublishCommand.advice(report, report.failures().get(0));
    assertTrue(
        advice.startsWith(
            "s3 on rpi3: /srv/wall/a.mp4 was not put there: no answer; run wall publish again"),
        advice);
  }

  @Test
  void aCacheFolderThatCannotBeMadeSaysHowToMakeIt() {
    Path cache = Path.of("/var/cache/wall/media");
    String why = "cannot create /var/cache/wall/media";
    Publisher.NodeReport report =
        new Publisher.NodeReport(
            "rpi2",
            cache,
            why,
            0,
            0,
            0,
            List.of(new Publisher.Failure("s2", Path.of("/srv/wall/b.mp4"), why)),
            Set.of(),
            0,
            0,
            0,
            0,
            "");
    assertEquals("rpi2: sent 0, already there 0, failed 1: " + why, PublishCommand.line(report, 1));
    assertTrue(
        PublishCommand.advice(report, report.failures().get(0)).contains("sudo install -d -o USER"),
        PublishCommand.advice(report, report.failures().get(0)));
  }
}
