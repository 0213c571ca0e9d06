package dev.wall.player.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Audio;
import dev.wall.core.layout.PlayerArgsPolicy;
import dev.wall.core.layout.PlayerKind;
import dev.wall.core.layout.Rect;
import dev.wall.player.players.Backend;
import dev.wall.player.players.Capabilities;
import dev.wall.player.players.Player;
import dev.wall.player.players.PlayerSpec;
import dev.wall.player.players.registry.Backends;
import dev.wall.player.process.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backend that only a test registers is played by the rank as any other: the rank asks it for an
 * early start and a blank screen, and never asks which player it is. Adding a backend is its own
 * package and one line in the registry (and its name in the layout's player kinds).
 */
class ScreenPlayersTest {
  /**
   * A backend of the test's own, registered in a registry of the test's own; "true" is its program.
   */
  private static final class TestBackend implements Backend {
    final List<String> asked = new ArrayList<>();
    final boolean offers;

    TestBackend(boolean offers) {
      this.offers = offers;
    }

    @Override
    public PlayerKind kind() {
      return PlayerKind.VLC;
    }

    @Override
    public String program() {
      return "true";
    }

    @Override
    public String installHint() {
      return "it is a test";
    }

    @Override
    public Capabilities capabilities() {
      return new Capabilities(true, true, 0.001, true, true);
    }

    @Override
    public PlayerArgsPolicy argsPolicy() {
      return new PlayerArgsPolicy() {
        @Override
        public PlayerKind player() {
          return PlayerKind.VLC;
        }

        @Override
        public List<Refusal> check(List<String> args) {
          return List.of();
        }
      };
    }

    @Override
    public Player create(PlayerSpec spec) {
      asked.add("create");
      return new FakePlayer(spec.screenName(), 10, false, new ArrayList<>());
    }

    @Override
    public Optional<EarlyStart> startEarly(PlayerSpec spec) {
      asked.add("early start");
      if (!offers) {
        return Optional.empty();
      }
      try {
        return Optional.of(
            new EarlyStart(
                ChildProcess.startWithLifeline(
                    "early",
                    List.of("sleep", "30"),
                    spec.workDir().resolve("early.log"),
                    Map.of())));
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      }
    }

    @Override
    public Player create(PlayerSpec spec, EarlyStart early) {
      asked.add("create from early start");
      early.process().stop(Duration.ofSeconds(1));
      return new FakePlayer(spec.screenName(), 10, false, new ArrayList<>());
    }

    @Override
    public Optional<BlankScreen> blank(PlayerSpec spec) {
      asked.add("blank");
      return offers
          ? Optional.of(
              new BlankScreen() {
                @Override
                public long pid() {
                  return 1;
                }

                @Override
                public void close() {}
              })
          : Optional.empty();
    }
  }

  private static PlayerSpec spec(Path dir) throws Exception {
    Path clip = Files.writeString(dir.resolve("clip.mp4"), "not really a clip");
    return new PlayerSpec(
        "left", clip, new Rect(0, 0, 64, 36), 0, null, Audio.NONE, List.of(), dir, Map.of());
  }

  @Test
  void theRankAsksTheBackendForItsEarlyStartAndBlankScreen(@TempDir Path dir) throws Exception {
    TestBackend backend = new TestBackend(true);
    ScreenPlayers players =
        new ScreenPlayers(new Backends(List.of(backend)), spec(dir), PlayerKind.AUTO);
    players.startEarly();
    assertTrue(players.startedEarly());
    assertNotNull(players.create());
    assertFalse(players.startedEarly(), "the first player took the early start over");
    assertNotNull(players.create());
    assertNotNull(players.blank());
    assertEquals(
        List.of("early start", "create from early start", "create", "blank"), backend.asked);
  }

  @Test
  void aBackendThatOffersNeitherIsPlayedWithout(@TempDir Path dir) throws Exception {
    TestBackend backend = new TestBackend(false);
    ScreenPlayers players =
        new ScreenPlayers(new Backends(List.of(backend)), spec(dir), PlayerKind.VLC);
    players.startEarly();
    assertFalse(players.startedEarly());
    Player player = players.create();
    assertSame(FakePlayer.class, player.getClass());
    assertNull(players.blank(), "no black screen: the screen shows what lies beneath");
    assertEquals(List.of("early start", "create", "blank"), backend.asked);
  }
}
