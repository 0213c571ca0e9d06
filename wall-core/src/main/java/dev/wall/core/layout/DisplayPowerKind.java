package dev.wall.core.layout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The schedule's {@code displayPower}: how a node turns its screens off and on. {@code AUTO} picks,
 * per node, the first that works there: HDMI-CEC, vcgencmd, Wayland (wlr-randr), X11 (DPMS), none.
 */
public enum DisplayPowerKind {
  AUTO,
  /**
   * HDMI-CEC standby and image-view-on: cec-ctl (v4l-utils) on /dev/cecN, or libcec's cec-client.
   */
  CEC,
  /** {@code vcgencmd display_power}, legacy Raspberry Pi firmware. */
  VCGENCMD,
  /** {@code wlr-randr --output NAME --off|--on}, wlroots compositors (Wayfire, labwc). */
  WAYLAND,
  /** {@code xset dpms force off|on}. */
  X11,
  /** The players stop and the screens show black; the panels stay powered. */
  NONE;

  @JsonValue
  public String jsonName() {
    return JsonEnums.jsonName(this);
  }

  @JsonCreator
  public static DisplayPowerKind fromJson(String name) {
    return JsonEnums.byJsonName(DisplayPowerKind.class, name);
  }
}
