package dev.wall.core.layout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * Show control of a running wall: HTTP control on the status server, OSC over UDP, the key both
 * take, and where events go. Each way in is off unless it is named here (or on {@code wall play}'s
 * command line). Kept as the layout spells it; the validator has checked every part.
 *
 * @param http HTTP control on the status server, or null for none
 * @param osc OSC over UDP, or null for none
 * @param keyFile the control key's file, or null for the user's {@code ~/.config/wall/control.key}
 * @param webhooks URLs that get every event as a signed JSON POST
 * @param oscFeedback {@code ADDRESS:PORT} targets that get every event as an OSC message
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Control(
    Http http, Osc osc, String keyFile, List<String> webhooks, List<String> oscFeedback) {

  /** The status server's port and address; control answers there beside the page. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Http(int port, String listen) {
    @JsonCreator
    public static Http of(
        @JsonProperty("port") Integer port, @JsonProperty("listen") String listen) {
      return new Http(port == null ? 0 : port, listen);
    }
  }

  /** The UDP port OSC is read on, and the networks it is taken from. */
  public record Osc(int port, List<String> allow) {
    @JsonCreator
    public static Osc of(
        @JsonProperty("port") Integer port, @JsonProperty("allow") List<String> allow) {
      return new Osc(port == null ? 0 : port, allow == null ? List.of() : List.copyOf(allow));
    }
  }

  @JsonCreator
  public static Control of(
      @JsonProperty("http") Http http,
      @JsonProperty("osc") Osc osc,
      @JsonProperty("keyFile") String keyFile,
      @JsonProperty("webhooks") List<String> webhooks,
      @JsonProperty("oscFeedback") List<String> oscFeedback) {
    return new Control(
        http,
        osc,
        keyFile,
        webhooks == null ? List.of() : List.copyOf(webhooks),
        oscFeedback == null ? List.of() : List.copyOf(oscFeedback));
  }

  public Optional<Http> httpIfSet() {
    return Optional.ofNullable(http);
  }

  public Optional<Osc> oscIfSet() {
    return Optional.ofNullable(osc);
  }
}
