package dev.wall.core.setup;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The Raspberry Pi OS releases setup knows, by their {@code VERSION_CODENAME}. */
public enum Release {
  BUSTER,
  BULLSEYE,
  BOOKWORM;

  public String codename() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Bookworm moved networking from dhcpcd to NetworkManager. */
  public boolean usesNetworkManager() {
    return this == BOOKWORM;
  }

  public static Optional<Release> byCodename(String codename) {
    return Arrays.stream(values()).filter(r -> r.codename().equals(codename)).findFirst();
  }

  public static String known() {
    return Arrays.stream(values()).map(Release::codename).collect(Collectors.joining(", "));
  }
}
