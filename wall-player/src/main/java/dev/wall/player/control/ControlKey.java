package dev.wall.player.control;

import dev.wall.core.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The control key: 256 random bits, written as 43 characters of URL-safe Base64, kept in a file
 * only its user may read. HTTP control takes it as a bearer token, OSC as every message's first
 * argument; webhooks and alerts are signed with it (HMAC-SHA256), and it is never sent anywhere. It
 * is compared in constant time, and its file is read only when it is the user's own, a real file
 * (not a link) that no one else may read or write.
 */
public final class ControlKey {
  /** Where {@code wall ctl --new-key} keeps it: in the home, so it survives reboots. */
  public static final String DEFAULT_FILE = ".config/wall/control.key";

  private static final int BYTES = 32;
  private static final String ALPHABET = "[A-Za-z0-9_-]{43}";

  private final byte[] key;
  private final byte[] digest;

  private ControlKey(String text) {
    this.key = text.getBytes(StandardCharsets.US_ASCII);
    this.digest = sha256(key);
  }

  /** A new key from the system's strong random source. */
  public static ControlKey generate() {
    byte[] bytes = new byte[BYTES];
    try {
      SecureRandom.getInstanceStrong().nextBytes(bytes);
    } catch (NoSuchAlgorithmException e) {
      new SecureRandom().nextBytes(bytes);
    }
    return new ControlKey(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** The default key file of the user whose environment this is. */
  public static Path defaultFile(Map<String, String> environment) {
    String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
    return Path.of(home).resolve(DEFAULT_FILE);
  }

  /** A key as text, as a technician pastes it (tests, and what is read from a file). */
  public static Optional<ControlKey> of(String text) {
    return text.matches(ALPHABET) ? Optional.of(new ControlKey(text)) : Optional.empty();
  }

  /**
   * Reads the key from {@code file}.
   *
   * @throws IOException one line naming the file, what is wrong and how to fix it
   */
  public static ControlKey read(Path file) throws IOException {
    PosixFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IOException(
          "no control key at "
              + file
              + "; make one with: wall ctl --new-key"
              + (file.endsWith(DEFAULT_FILE) ? "" : " --key-file " + file));
    }
    if (!attributes.isRegularFile()) {
      throw new IOException(
          "the control key "
              + file
              + " is not a plain file (a link, or a folder);"
              + " remove it and make a new key with: wall ctl --new-key");
    }
    String me = System.getProperty("user.name");
    if (!attributes.owner().getName().equals(me)) {
      throw new IOException(
          "the control key "
              + file
              + " belongs to "
              + attributes.owner().getName()
              + ", not to "
              + me
              + ", who runs the wall; make one of your own with: wall ctl --new-key");
    }
    Set<PosixFilePermission> others =
        Set.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE);
    if (attributes.permissions().stream().anyMatch(others::contains)) {
      throw new IOException(
          "the control key "
              + file
              + " can be read or changed by other users"
              + " (mode "
              + PosixFilePermissions.toString(attributes.permissions())
              + "); run: chmod 600 "
              + file
              + ", and make a new key (wall ctl --new-key): the old one may be known");
    }
    if (attributes.size() > 1024) {
      throw new IOException(
          "the control key "
              + file
              + " is not a key wall made ("
              + attributes.size()
              + " bytes); make a new one with: wall ctl --new-key");
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    return of(text)
        .orElseThrow(
            () ->
                new IOException(
                    "the control key "
                        + file
                        + " is not a key wall made (43 characters of A-Z, a-z, 0-9, - and _); make a new one with:"
                        + " wall ctl --new-key"));
  }

  /** Writes this key to {@code file}, mode 0600 in a folder only its user may enter. */
  public void write(Path file) throws IOException {
    Path folder = file.toAbsolutePath().getParent();
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(
          folder,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    AtomicFile.replacingLinks().write(file, (text() + "\n").getBytes(StandardCharsets.US_ASCII));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  /** The key as the technician gives it to show control (the bearer token, OSC's argument). */
  public String text() {
    return new String(key, StandardCharsets.US_ASCII);
  }

  /**
   * Whether {@code candidate} is this key, in time that does not depend on where they differ: both
   * are hashed first, so not even their lengths are compared.
   */
  public boolean matches(String candidate) {
    if (candidate == null) {
      return false;
    }
    return MessageDigest.isEqual(digest, sha256(candidate.getBytes(StandardCharsets.UTF_8)));
  }

  /** HMAC-SHA256 of {@code body} under this key, in lower-case hex. */
  public String sign(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every Java has HmacSHA256", e);
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "ControlKey[hidden]";
  }
}
