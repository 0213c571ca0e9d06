package dev.wall.player.control.events;

import dev.wall.player.control.ControlKey;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One webhook target: a JSON POST, signed with HMAC-SHA256 of the body under the control key
 * ({@code X-Wall-Signature: sha256=HEX}); the key itself never leaves the wall. No redirect is
 * followed and no proxy is asked, so the wall talks only to the URL the layout names; a target has
 * 2 s to take the connection and 5 s to answer.
 */
public final class Webhook implements Outbox.Sender<Webhook.Post> {
  public static final String SIGNATURE = "X-Wall-Signature";

  /** One body to post, with what its headers say of it. */
  public record Post(String kind, long sequence, byte[] body) {}

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .followRedirects(HttpClient.Redirect.NEVER)
          .proxy(ProxySelector.of(null))
          .build();

  private final URI target;
  private final ControlKey key;
  private final String userAgent;

  public Webhook(String url, ControlKey key, String userAgent) {
    this.target = URI.create(url);
    this.key = key;
    this.userAgent = userAgent;
  }

  @Override
  public void send(Post post) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/json")
            .header("User-Agent", userAgent)
            .header("X-Wall-Event", post.kind())
            .header("X-Wall-Delivery", String.valueOf(post.sequence()))
            .header(SIGNATURE, "sha256=" + key.sign(post.body()))
            .POST(HttpRequest.BodyPublishers.ofByteArray(post.body()))
            .build();
    int status = CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    if (status >= 200 && status < 300) {
      return;
    }
    String why = target.getHost() + " answered " + status;
    if (status >= 400 && status < 500 && status != 408 && status != 429) {
      throw new Outbox.Refused(why);
    }
    throw new IOException(why);
  }

  @Override
  public String toString() {
    return target.getScheme() + "://" + target.getRawAuthority() + target.getRawPath();
  }
}
