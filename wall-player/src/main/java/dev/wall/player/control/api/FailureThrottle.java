package dev.wall.player.control.api;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Slows down whoever guesses keys: each address may fail a few times, then every request from it is
 * refused at once for a while (twice as long after each further failure, up to a cap), without a
 * thread ever waiting. IPv6 addresses count by their /64, which one machine usually holds whole.
 * The table is bounded: past {@code maxAddresses} the address that failed longest ago is forgotten,
 * and an address is forgotten once it has not failed for {@code forgetAfter}.
 */
public final class FailureThrottle {
  /** The wall's: 5 free failures, then 1 s, 2 s, 4 s ... 5 min; 1024 addresses; 15 min memory. */
  public static FailureThrottle standard() {
    return new FailureThrottle(
        1024,
        5,
        Duration.ofSeconds(1),
        Duration.ofMinutes(5),
        Duration.ofMinutes(15),
        System::nanoTime);
  }

  private static final class Record {
    int failures;
    long lastFailure;
    long blockedUntil;
  }

  private final int maxAddresses;
  private final int freeFailures;
  private final long firstBlock;
  private final long longestBlock;
  private final long forgetAfter;
  private final LongSupplier nanoTime;
  private final LinkedHashMap<String, Record> table;

  FailureThrottle(
      int maxAddresses,
      int freeFailures,
      Duration firstBlock,
      Duration longestBlock,
      Duration forgetAfter,
      LongSupplier nanoTime) {
    this.maxAddresses = maxAddresses;
    this.freeFailures = freeFailures;
    this.firstBlock = firstBlock.toNanos();
    this.longestBlock = longestBlock.toNanos();
    this.forgetAfter = forgetAfter.toNanos();
    this.nanoTime = nanoTime;
    this.table =
        new LinkedHashMap<>(64, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Record> eldest) {
            return size() > FailureThrottle.this.maxAddresses;
          }
        };
  }

  /** Seconds {@code address} must wait before it is heard again; 0 when it may ask now. */
  public synchronized long waitSeconds(InetAddress address) {
    Record record = fresh(key(address));
    if (record == null) {
      return 0;
    }
    long left = record.blockedUntil - nanoTime.getAsLong();
    return left <= 0 ? 0 : Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
  }

  /**
   * A wrong or missing key from {@code address}.
   *
   * @return the seconds it is now blocked for, or 0 while it still has free failures
   */
  public synchronized long failed(InetAddress address) {
    String key = key(address);
    long now = nanoTime.getAsLong();
    Record record = fresh(key);
    if (record == null) {
      record = new Record();
    } else {
      table.remove(key); // re-inserted last: the table forgets the address that failed longest ago
    }
    table.put(key, record);
    record.failures++;
    record.lastFailure = now;
    int over = record.failures - freeFailures;
    if (over < 0) {
      return 0;
    }
    long block = firstBlock << Math.min(over, 30);
    block = block <= 0 || block > longestBlock ? longestBlock : block;
    record.blockedUntil = now + block;
    return Math.max(1, block / 1_000_000_000L);
  }

  /** The right key: the address starts afresh. */
  public synchronized void succeeded(InetAddress address) {
    table.remove(key(address));
  }

  /** Addresses remembered now, at most {@code maxAddresses}. */
  public synchronized int size() {
    return table.size();
  }

  private Record fresh(String key) {
    Record record = table.get(key);
    if (record != null
        && nanoTime.getAsLong() - record.lastFailure > forgetAfter
        && nanoTime.getAsLong() - record.blockedUntil > 0) {
      table.remove(key);
      return null;
    }
    return record;
  }

  private static String key(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (address instanceof Inet6Address) {
      return "v6:" + Arrays.toString(Arrays.copyOf(bytes, 8));
    }
    return "v4:" + Arrays.toString(bytes);
  }
}
