package dev.wall.player.media;

import dev.wall.player.nodes.Checksums;
import dev.wall.player.players.Board;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Makes the files of a plan ({@link TilePlanner}) in one folder, {@code jobs} encodes at a time,
 * and writes their manifest. A file whose source bytes and settings are those of the manifest's
 * entry, and which is still whole (its SHA-256), is kept as it is: nothing changed, nothing is
 * encoded. Files are written under a temporary name and renamed, so a reader never sees half of
 * one; files of the old manifest that the new one no longer names are removed.
 */
public final class MediaPreparer {
  /** What the preparer tells of its progress, from several threads at once. */
  public interface Progress {
    /** {@code job}'s encode starts. */
    void started(TileJob job);

    /** {@code job}'s encode has made {@code frames} of its frames. */
    void frames(TileJob job, int frames);

    /** {@code job} is done: its file, and whether it was encoded (false: it was already there). */
    void done(TileJob job, Path file, boolean encoded, double seconds);
  }

  /** An encode failed: which file, and ffmpeg's words. */
  public static final class EncodeFailed extends IOException {
    public EncodeFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The outcome: the manifest written, and how many files were encoded. */
  public record Result(Manifest manifest, int encoded, int unchanged) {}

  private final Path dir;
  private final int jobs;
  private final Checksums checksums;

  public MediaPreparer(Path dir, int jobs, Checksums checksums) {
    this.dir = dir;
    this.jobs = Math.max(1, jobs);
    this.checksums = checksums;
  }

  public Result prepare(Path layoutFile, List<TileJob> plan, Progress progress)
      throws IOException, InterruptedException {
    return prepare(layoutFile, plan, Map.of(), null, Set.of(), progress);
  }

  /**
   * The same, recording what the files were made for, and keeping {@code playing}.
   *
   * @param boards each host's board the plan encodes for, recorded for a later preparation
   * @param screenSize the pixels of a screen without a window, {@code WxH}, recorded the same way
   * @param playing names of files in the folder a running wall plays: not removed now even where
   *     the new manifest no longer names them, but recorded as retired, for the next preparation
   */
  public Result prepare(
      Path layoutFile,
      List<TileJob> plan,
      Map<String, Board> boards,
      String screenSize,
      Set<String> playing,
      Progress progress)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Optional<Manifest> old;
    try {
      old = Manifest.read(dir);
    } catch (IOException e) {
      old = Optional.empty(); // unreadable: everything is made again
    }
    Map<Path, String> sources = new LinkedHashMap<>();
    for (TileJob job : plan) {
      if (!sources.containsKey(job.source())) {
        sources.put(job.source(), checksums.sha256(job.source()));
      }
    }
    List<Manifest.Entry> entries = new ArrayList<>();
    List<TileJob> toEncode = new ArrayList<>();
    Map<TileJob, String> keys = new LinkedHashMap<>();
    for (TileJob job : plan) {
      String key = sha256(sources.get(job.source()) + "\n" + job.settings());
      keys.put(job, key);
      Optional<Manifest.Entry> kept = old.flatMap(m -> m.entry(job.screen(), job.item()));
      if (kept.isPresent() && kept.get().key().equals(key) && whole(kept.get())) {
        progress.done(job, dir.resolve(kept.get().file()), false, 0);
        entries.add(withShape(kept.get(), job));
      } else {
        toEncode.add(job);
      }
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            jobs,
            runnable -> {
              Thread thread = new Thread(runnable, "encode");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<Manifest.Entry>> running = new ArrayList<>();
      for (TileJob job : toEncode) {
        running.add(
            pool.submit(() -> encode(job, keys.get(job), sources.get(job.source()), progress)));
      }
      for (Future<Manifest.Entry> future : running) {
        try {
          entries.add(future.get());
        } catch (ExecutionException e) {
          pool.shutdownNow();
          if (e.getCause() instanceof IOException io) {
            throw io;
          }
          throw new IOException(e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    entries.sort(
        java.util.Comparator.comparingInt((Manifest.Entry e) -> rank(plan, e.screen()))
            .thenComparingInt(Manifest.Entry::item));
    Set<String> named = new HashSet<>();
    entries.forEach(e -> named.add(e.file()));
    Set<String> stale = new LinkedHashSet<>();
    old.ifPresent(
        m -> {
          m.files().forEach(e -> stale.add(e.file()));
          stale.addAll(m.retired());
        });
    stale.removeAll(named);
    stale.removeIf(name -> !isPlainName(name));
    List<String> retired = stale.stream().filter(playing::contains).toList();
    Map<String, String> models = new TreeMap<>();
    boards.forEach((host, board) -> models.put(host, board.model()));
    Manifest manifest =
        new Manifest(
            Manifest.VERSION,
            layoutFile.toAbsolutePath().normalize().toString(),
            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
            entries,
            models,
            screenSize,
            retired);
    manifest.write(dir);
    checksums.save();
    for (String gone : stale) {
      if (!playing.contains(gone)) {
        Files.deleteIfExists(dir.resolve(gone));
      }
    }
    return new Result(manifest, toEncode.size(), plan.size() - toEncode.size());
  }

  private static int rank(List<TileJob> plan, String screen) {
    return plan.stream().filter(j -> j.screen().equals(screen)).findFirst().orElseThrow().rank();
  }

  /** The kept entry, with the layout shape it is now used for (a region moved, say, by 0). */
  private static Manifest.Entry withShape(Manifest.Entry e, TileJob job) {
    return new Manifest.Entry(
        e.screen(),
        e.item(),
        job.sourceName(),
        e.sourceSha256(),
        job.shape(),
        e.settings(),
        e.key(),
        e.file(),
        e.sha256(),
        e.codec(),
        e.width(),
        e.height(),
        e.frameRate(),
        e.frames(),
        e.audio());
  }

  /** Whether the entry's file is there as it was made. */
  private boolean whole(Manifest.Entry entry) {
    if (!isPlainName(entry.file())) {
      return false;
    }
    Path file = dir.resolve(entry.file());
    try {
      return Files.isRegularFile(file) && checksums.sha256(file).equals(entry.sha256());
    } catch (IOException e) {
      return false;
    }
  }

  /** A name in the folder itself: a manifest written by someone else cannot point elsewhere. */
  static boolean isPlainName(String name) {
    return name != null
        && !name.isEmpty()
        && !name.startsWith(".")
        && !name.contains("/")
        && !name.contains("\\");
  }

  private Manifest.Entry encode(TileJob job, String key, String sourceSha, Progress progress)
      throws IOException {
    String name = safe(job.screen()) + "-" + (job.item() + 1) + "-" + key.substring(0, 16) + ".mp4";
    Path target = dir.resolve(name);
    Path tmp = dir.resolve("." + name + "." + ProcessHandle.current().pid() + ".tmp");
    long started = System.nanoTime();
    progress.started(job);
    try {
      Encode.run(job, tmp, frames -> progress.frames(job, frames));
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new EncodeFailed(
          "screen "
              + job.screen()
              + (job.item() > 0 ? " item " + (job.item() + 1) : "")
              + " on "
              + job.host()
              + ": could not encode "
              + job.source()
              + " ("
              + job.describe()
              + "): "
              + e.getMessage(),
          e);
    } finally {
      Files.deleteIfExists(tmp);
    }
    progress.done(job, target, true, (System.nanoTime() - started) / 1e9);
    return new Manifest.Entry(
        job.screen(),
        job.item(),
        job.sourceName(),
        sourceSha,
        job.shape(),
        job.settings(),
        key,
        name,
        sum(target),
        job.codec().ffprobeName(),
        job.width(),
        job.height(),
        FrameRates.text(job.frameRate()),
        job.frames(),
        job.audio());
  }

  /** Screen names are letters, digits, '-', '_' and '.'; a leading dot would hide the file. */
  private static String safe(String screen) {
    return screen.replaceAll("[^A-Za-z0-9_.-]", "_").replaceAll("^\\.", "_");
  }

  /** The checksum cache is one map; encodes end on several threads. */
  private String sum(Path file) throws IOException {
    synchronized (checksums) {
      return checksums.sha256(file);
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
