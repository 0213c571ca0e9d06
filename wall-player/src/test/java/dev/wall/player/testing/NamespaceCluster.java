package dev.wall.player.testing;

import dev.wall.core.testing.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A cluster of hosts made of Linux namespaces, for tests and by hand: the one namespace fixture.
 *
 * <p>A bridge in a network namespace of its own; one network namespace per node, with a veth pair
 * made inside the node and its peer moved straight into the bridge's namespace, named {@code eth0}
 * on every node, with an address in a private subnet that exists only inside these namespaces, and
 * no default route anywhere. Each node runs one sshd inside {@code unshare --mount --uts}: its own
 * host name, its own folder over {@code /run} and its own hosts file over {@code /etc/hosts}. Every
 * program run over ssh (orted, ranks, players) lives in the node's namespaces. Files (and so an
 * Xvfb's socket in {@code /tmp/.X11-unix}) are shared. Run things inside a node with {@link
 * Node#exec}: nothing is ever sent to the subnet from the root namespace.
 *
 * <p>Everything it makes is named with an owner tag ({@code wc<pid>x<random>}) and recorded in its
 * state folder: {@link #close} (and {@code down} by hand) kills every process in the cluster's
 * namespaces by the PID files and the kernel's list ({@code ip netns pids}), never by name, deletes
 * the namespaces, and removes the nodes' Open MPI session folders. A cluster whose owner died
 * without tearing down is torn down by the next {@link #start}.
 *
 * <p>A node may instead have a root of its own ({@link NodeKind#arm64}: a Debian arm64 root run
 * under qemu-user, as a Pi): its sshd is that root's, chrooted there in the node's mount namespace,
 * with the cluster's state folder and the X sockets shared in at their own paths ({@link
 * Node#share} adds more, such as the media), and a device tree of its own ({@link Node#model}).
 *
 * <p>By hand, from {@code wall-player/}: {@code src/test/cluster/test-cluster up 4 /tmp/c}, then
 * {@code src/test/cluster/test-cluster exec /tmp/c 1 bash} for a shell on node 1, and {@code
 * src/test/cluster/test-cluster down /tmp/c}.
 */
public final class NamespaceCluster implements AutoCloseable {
  private static final Pattern OWNED = Pattern.compile("^(wc(\\d+)x[0-9a-z]+)-(br|n\\d+|iso)$");
  private static final String SSHD_SCRIPT =
      "hostname \"$1\" && mount --bind \"$2\" /run"
          + " && mount --bind \"$3\" /etc/hosts && exec /usr/sbin/sshd -D -f \"$4\" -E \"$5\"";
  private static final Duration SSHD_START = Duration.ofSeconds(20);

  /** Where X servers keep their sockets: shared into a node with a root of its own. */
  private static final String X11_SOCKETS = "/tmp/.X11-unix";

  /** An arm64 sshd starts under qemu, on a machine shared with builds. */
  private static final Duration EMULATED_SSHD_START = Duration.ofSeconds(90);

  private final String tag;
  private final Path state;
  private final int subnet;
  private final List<Node> nodes = new ArrayList<>();
  private final Thread hook;
  private volatile boolean closed;

  /** One host of the cluster. */
  public final class Node {
    private final int index;
    private final String hostname;
    private final String address;
    private final String netns;
    private final Path dir;
    private final NodeKind kind;
    private long sshdPid;

    Node(int index, NodeKind kind) {
      this.index = index;
      this.kind = kind;
      this.hostname = "node" + index + "-" + tag.substring(tag.indexOf('x') + 1);
      this.address = "10.231." + subnet + "." + (10 + index);
      this.netns = tag + "-n" + index;
      this.dir = state.resolve("node" + index);
    }

    public int index() {
      return index;
    }

    /** The node's host name, as the layout names it and as {@code hostname} answers inside it. */
    public String hostname() {
      return hostname;
    }

    public String address() {
      return address;
    }

    public String netns() {
      return netns;
    }

    /** The controller user's home of the cluster ({@link NamespaceCluster#home}). */
    public Path home() {
      return NamespaceCluster.this.home();
    }

    /** The node's sshd, which holds its mount and UTS namespaces. */
    public long sshdPid() {
      return sshdPid;
    }

    /**
     * {@code argv}, run inside this node: its network, mount and UTS namespaces (and its root, if
     * it has one).
     */
    public List<String> exec(List<String> argv) {
      List<String> all =
          new ArrayList<>(List.of("nsenter", "-t", String.valueOf(sshdPid), "-n", "-m", "-u"));
      if (kind.root() != null) {
        all.addAll(List.of("-r", "-w"));
      }
      all.add("--");
      all.addAll(argv);
      return all;
    }

    /**
     * The node's own root folder on this machine (an arm64 Debian), or null for a node that shares
     * this machine's files.
     */
    public Path root() {
      return kind.root() == null ? null : kind.root().dir();
    }

    /**
     * Makes {@code path} of this machine (a folder) visible at the same path inside this node's
     * root, as an NFS share or a display's socket folder is on a real node. Only in the node's own
     * mount namespace; a node without a root of its own sees every path already.
     */
    public void share(Path path) throws IOException {
      if (kind.root() == null) {
        return;
      }
      String p = path.toAbsolutePath().normalize().toString();
      run(
          List.of(
              "nsenter",
              "-t",
              String.valueOf(sshdPid),
              "-m",
              "--",
              "sh",
              "-c",
              "mkdir -p \"$1$2\" && mount --bind \"$2\" \"$1$2\"",
              "share",
              root().toString(),
              p));
    }

    /**
     * Gives the node the device tree model a Pi's firmware gives ({@code
     * /sys/firmware/devicetree/base/model}, as {@code Raspberry Pi 5 Model B Rev 1.0}), or none for
     * null. Only a node with a root of its own.
     */
    public void model(String model) throws IOException {
      if (kind.root() == null) {
        throw new IllegalStateException(
            this + " shares this machine's /sys: it has no device tree of its own");
      }
      run(
          List.of(
              "nsenter",
              "-t",
              String.valueOf(sshdPid),
              "-m",
              "--",
              "sh",
              "-c",
              "f=\"$1/sys/firmware/devicetree/base/model\"; if [ -n \"$2\" ]; then printf '%s\\000' \"$2\" > \"$f\";"
                  + " else rm -f \"$f\"; fi",
              "model",
              root().toString(),
              model == null ? "" : model));
    }

    public List<String> exec(String... argv) {
      return exec(List.of(argv));
    }

    /** Pulls the node's cable: its {@code eth0} goes down (the bridge side stays up). */
    public void linkDown() throws IOException {
      run(List.of("ip", "-n", netns, "link", "set", "eth0", "down"));
    }

    public void linkUp() throws IOException {
      run(List.of("ip", "-n", netns, "link", "set", "eth0", "up"));
    }

    /** The live processes in this node's network namespace (the kernel's list, not names). */
    public List<ProcessHandle> processes() throws IOException {
      List<ProcessHandle> found = new ArrayList<>();
      for (String line : run(List.of("ip", "netns", "pids", netns)).lines().toList()) {
        if (line.strip().matches("\\d+")) {
          ProcessHandle.of(Long.parseLong(line.strip())).ifPresent(found::add);
        }
      }
      return found;
    }

    /** Processes of this node whose command line contains {@code text} (sshd excluded). */
    public List<ProcessHandle> processesRunning(String text) throws IOException {
      return processes().stream()
          .filter(p -> p.pid() != sshdPid)
          .filter(p -> p.info().commandLine().orElse("").contains(text))
          .toList();
    }

    /** Mounts {@code source} over {@code target} in this node only (a broken node, say). */
    public void bind(Path source, Path target) throws IOException {
      run(exec("mount", "--bind", source.toString(), target.toString()));
    }

    /** Undoes {@link #bind}. */
    public void unbind(Path target) throws IOException {
      run(exec("umount", target.toString()));
    }

    @Override
    public String toString() {
      return hostname + " (" + address + ")";
    }
  }

  /**
   * A single network namespace with {@code addresses} on its loopback and nothing else: a host that
   * no other machine can reach, for a server under test and its client side by side (the setup
   * tests' sshd and nfs-ganesha). Named like a cluster's namespaces, deleted on close, and torn
   * down with the orphans if its owner dies first.
   */
  public static Isolated isolated(String... addresses) throws IOException {
    tearDownOrphans();
    String name =
        "wc"
            + ProcessHandle.current().pid()
            + "x"
            + Integer.toString(1296 + new SecureRandom().nextInt(45_000), 36)
            + "-iso";
    run(List.of("ip", "netns", "add", name));
    Isolated ns = new Isolated(name);
    try {
      run(List.of("ip", "-n", name, "link", "set", "lo", "up"));
      for (String address : addresses) {
        run(List.of("ip", "-n", name, "addr", "add", address + "/32", "dev", "lo"));
      }
      if (!run(List.of("ip", "-n", name, "route", "show", "default")).isBlank()) {
        throw new IllegalStateException(name + " has a default route");
      }
    } catch (IOException | RuntimeException e) {
      ns.close();
      throw e;
    }
    return ns;
  }

  /** See {@link #isolated}. */
  public static final class Isolated implements AutoCloseable {
    private final String name;

    private Isolated(String name) {
      this.name = name;
    }

    public String name() {
      return name;
    }

    /** {@code argv}, run inside the namespace. */
    public List<String> exec(List<String> argv) {
      List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", name));
      all.addAll(argv);
      return all;
    }

    public List<String> exec(String... argv) {
      return exec(List.of(argv));
    }

    /** Kills whatever still runs in it (by the kernel's list), then deletes it. */
    @Override
    public void close() {
      kill(new LinkedHashSet<>(namespacePids(name)));
      try {
        run(List.of("ip", "netns", "del", name));
      } catch (IOException e) {
        // Gone already.
      }
    }
  }

  /**
   * What a node is: one that shares this machine's files (the default), or one with a root of its
   * own ({@link Arm64Root}), whose sshd and everything it starts run chrooted there, emulated.
   */
  public record NodeKind(Arm64Root root) {
    public static NodeKind host() {
      return new NodeKind(null);
    }

    public static NodeKind arm64(Arm64Root root) {
      return new NodeKind(root);
    }
  }

  private NamespaceCluster(String tag, Path state, int subnet) {
    this.tag = tag;
    this.state = state;
    this.subnet = subnet;
    this.hook = new Thread(this::closeQuietly, "namespace-cluster-teardown");
  }

  /** True where the cluster can be made: root, with iproute2, util-linux and openssh-server. */
  public static boolean available() {
    return Tools.isRoot()
        && Stream.of(
                "/usr/sbin/ip",
                "/usr/bin/nsenter",
                "/usr/bin/unshare",
                "/usr/sbin/sshd",
                "/usr/bin/ssh",
                "/usr/bin/ssh-keygen")
            .allMatch(p -> Files.isExecutable(Path.of(p)));
  }

  /**
   * Starts {@code count} nodes, with their state (keys, configs, logs, PID files) in {@code state}.
   */
  public static NamespaceCluster start(Path state, int count) throws IOException {
    if (count < 1 || count > 200) {
      throw new IllegalArgumentException("1 to 200 nodes, not " + count);
    }
    return start(state, java.util.Collections.nCopies(count, NodeKind.host()));
  }

  /** Starts one node of each kind, in order (node 1 first). */
  public static NamespaceCluster start(Path state, List<NodeKind> kinds) throws IOException {
    int count = kinds.size();
    if (count < 1 || count > 200) {
      throw new IllegalArgumentException("1 to 200 nodes, not " + count);
    }
    tearDownOrphans();
    SecureRandom random = new SecureRandom();
    String tag =
        "wc"
            + ProcessHandle.current().pid()
            + "x"
            + Integer.toString(1296 + random.nextInt(45_000), 36);
    if (Files.exists(state.resolve("owner"))) {
      tearDown(state);
      deleteTree(
          state); // an earlier cluster's keys and logs, never a folder that is not a cluster's
    } else if (Files.isDirectory(state)) {
      try (Stream<Path> entries = Files.list(state)) {
        if (entries.findAny().isPresent()) {
          throw new IOException(
              state + " is not empty and holds no cluster: give an empty or new folder");
        }
      }
    }
    Files.createDirectories(state);
    Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-xr-x"));
    NamespaceCluster cluster =
        new NamespaceCluster(tag, state.toAbsolutePath(), 1 + random.nextInt(250));
    Runtime.getRuntime().addShutdownHook(cluster.hook);
    try {
      cluster.build(kinds);
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  public List<Node> nodes() {
    return List.copyOf(nodes);
  }

  /** Node {@code i}, counted from 1 as the host names are. */
  public Node node(int i) {
    return nodes.get(i - 1);
  }

  /** The subnet, such as {@code 10.231.57.0/24}. */
  public String subnet() {
    return "10.231." + subnet + ".0/24";
  }

  public Path state() {
    return state;
  }

  /**
   * The controller user's home, as {@code wall setup ssh} leaves it: {@code .ssh/wall_ed25519},
   * {@code .ssh/wall_config} and {@code .ssh/wall_known_hosts} with every node's host key. Run the
   * wall with {@code -Duser.home=} this folder.
   */
  public Path home() {
    return state.resolve("home");
  }

  public Path sshConfig() {
    return home().resolve(".ssh/wall_config");
  }

  /** The file every node's sshd takes keys from; empty it on one node with {@link Node#bind}. */
  public Path authorizedKeys() {
    return state.resolve("authorized_keys");
  }

  private void build(List<NodeKind> kinds) throws IOException {
    write("owner", ProcessHandle.current().pid() + "\n" + tag + "\n");
    Path ssh = home().resolve(".ssh");
    Files.createDirectories(ssh);
    Files.setPosixFilePermissions(ssh, PosixFilePermissions.fromString("rwx------"));
    Path key = ssh.resolve("wall_ed25519");
    run(
        List.of(
            "ssh-keygen",
            "-q",
            "-t",
            "ed25519",
            "-N",
            "",
            "-C",
            "wall@" + tag,
            "-f",
            key.toString()));
    Files.copy(ssh.resolve("wall_ed25519.pub"), authorizedKeys());
    for (int i = 1; i <= kinds.size(); i++) {
      nodes.add(new Node(i, kinds.get(i - 1)));
    }
    String bridge = tag + "-br";
    record("namespaces", bridge);
    run(List.of("ip", "netns", "add", bridge));
    run(List.of("ip", "-n", bridge, "link", "add", "br0", "type", "bridge"));
    run(List.of("ip", "-n", bridge, "link", "set", "br0", "up"));
    StringBuilder knownHosts = new StringBuilder();
    for (Node node : nodes) {
      knownHosts
          .append(node.hostname)
          .append(',')
          .append(node.address)
          .append(' ')
          .append(plumb(node, bridge))
          .append('\n');
    }
    Files.writeString(ssh.resolve("wall_known_hosts"), knownHosts);
    Files.writeString(sshConfig(), sshConfigText(key));
    for (Node node : nodes) {
      startSshd(node);
    }
    for (Node node : nodes) {
      awaitListening(node);
    }
  }

  /** The node's namespace, link and files; returns its host key's public line. */
  private String plumb(Node node, String bridge) throws IOException {
    record("namespaces", node.netns);
    run(List.of("ip", "netns", "add", node.netns));
    String peer = "v" + node.index;
    run(
        List.of(
            "ip",
            "-n",
            node.netns,
            "link",
            "add",
            "eth0",
            "type",
            "veth",
            "peer",
            "name",
            peer,
            "netns",
            bridge));
    run(List.of("ip", "-n", bridge, "link", "set", peer, "master", "br0", "up"));
    run(List.of("ip", "-n", node.netns, "addr", "add", node.address + "/24", "dev", "eth0"));
    run(List.of("ip", "-n", node.netns, "link", "set", "eth0", "up"));
    run(List.of("ip", "-n", node.netns, "link", "set", "lo", "up"));
    String routes = run(List.of("ip", "-n", node.netns, "route", "show", "default"));
    if (!routes.isBlank()) {
      throw new IllegalStateException(node.netns + " has a default route: " + routes);
    }
    Path run = node.dir.resolve("run");
    Files.createDirectories(run.resolve("sshd"));
    Files.setPosixFilePermissions(
        run.resolve("sshd"), PosixFilePermissions.fromString("rwxr-xr-x"));
    StringBuilder hosts =
        new StringBuilder("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n");
    for (Node other : nodes) {
      hosts.append(other.address).append('\t').append(other.hostname).append('\n');
    }
    Files.writeString(node.dir.resolve("hosts"), hosts);
    Path hostKey = node.dir.resolve("ssh_host_ed25519_key");
    run(
        List.of(
            "ssh-keygen",
            "-q",
            "-t",
            "ed25519",
            "-N",
            "",
            "-C",
            node.hostname,
            "-f",
            hostKey.toString()));
    Files.writeString(
        node.dir.resolve("sshd_config"),
        String.join(
            "\n",
            "ListenAddress " + node.address,
            "Port 22",
            "HostKey " + hostKey,
            "PidFile /run/sshd.pid",
            "UsePAM no",
            "PermitRootLogin prohibit-password",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PubkeyAuthentication yes",
            "AuthorizedKeysFile " + authorizedKeys(),
            "StrictModes no",
            "PrintMotd no",
            "MaxStartups 200",
            "MaxSessions 200",
            "LogLevel INFO",
            ""));
    String[] pub = Files.readString(node.dir.resolve("ssh_host_ed25519_key.pub")).trim().split(" ");
    return pub[0] + " " + pub[1];
  }

  private String sshConfigText(Path key) {
    StringBuilder names = new StringBuilder();
    nodes.forEach(n -> names.append(' ').append(n.hostname).append(' ').append(n.address));
    return String.join(
        "\n",
        "# The test cluster's, in the form wall setup ssh writes",
        "Host" + names,
        "  User root",
        "  IdentityFile " + key,
        "  IdentitiesOnly yes",
        "  BatchMode yes",
        "  StrictHostKeyChecking accept-new",
        "  UserKnownHostsFile " + home().resolve(".ssh/wall_known_hosts"),
        "  ConnectTimeout 10",
        "");
  }

  private void startSshd(Node node) throws IOException {
    List<String> argv =
        node.kind.root() == null
            ? List.of(
                "ip",
                "netns",
                "exec",
                node.netns,
                "unshare",
                "--mount",
                "--uts",
                "--propagation",
                "private",
                "sh",
                "-c",
                SSHD_SCRIPT,
                "sh",
                node.hostname,
                node.dir.resolve("run").toString(),
                node.dir.resolve("hosts").toString(),
                node.dir.resolve("sshd_config").toString(),
                node.dir.resolve("sshd.log").toString())
            // The node's own root: its sshd (arm64, emulated) chrooted there, the cluster's state
            // shared in.
            : List.of(
                "ip",
                "netns",
                "exec",
                node.netns,
                "unshare",
                "--mount",
                "--uts",
                "--propagation",
                "private",
                "sh",
                "-c",
                Arm64Root.SETUP,
                "arm64-node",
                node.root().toString(),
                node.hostname,
                "-",
                node.dir.resolve("run").toString(),
                node.dir.resolve("hosts").toString(),
                state.toString(),
                Files.isDirectory(Path.of(X11_SOCKETS)) ? X11_SOCKETS : state.toString(),
                "--",
                "/usr/sbin/sshd",
                "-D",
                "-f",
                node.dir.resolve("sshd_config").toString(),
                "-E",
                node.dir.resolve("sshd.log").toString());
    Process sshd =
        new ProcessBuilder(argv)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(node.dir.resolve("sshd.out").toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    node.sshdPid = sshd.pid();
    record("pids", String.valueOf(sshd.pid()));
  }

  /** sshd is up once its PID file (in the node's own /run) names the process we started. */
  private void awaitListening(Node node) throws IOException {
    Path pidFile = node.dir.resolve("run/sshd.pid");
    Duration start = node.kind.root() == null ? SSHD_START : EMULATED_SSHD_START;
    long deadline = System.nanoTime() + start.toNanos();
    while (System.nanoTime() < deadline) {
      if (ProcessHandle.of(node.sshdPid).map(ProcessHandle::isAlive).orElse(false)
          == Boolean.FALSE) {
        throw new IOException(
            "sshd of "
                + node
                + " exited: "
                + tail(node.dir.resolve("sshd.log"))
                + tail(node.dir.resolve("sshd.out")));
      }
      if (Files.exists(pidFile)
          && Files.readString(pidFile).trim().equals(String.valueOf(node.sshdPid))
          && run(List.of("ip", "netns", "exec", node.netns, "ss", "-Htln"))
              .contains(node.address + ":22")) {
        return;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
    }
    throw new IOException(
        "sshd of "
            + node
            + " did not listen within "
            + start
            + ": "
            + tail(node.dir.resolve("sshd.log")));
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Already shutting down: this is the hook.
    }
    tearDown(state);
  }

  private void closeQuietly() {
    closed = true;
    tearDown(state);
  }

  /**
   * Kills every process the state folder records and every process left in its namespaces, deletes
   * the namespaces and the nodes' Open MPI session folders. Safe to run twice, and on a cluster
   * that was only half made.
   */
  public static void tearDown(Path state) {
    Set<String> namespaces = new LinkedHashSet<>(recorded(state, "namespaces"));
    Set<Long> pids = new LinkedHashSet<>();
    recorded(state, "pids").forEach(p -> pids.add(Long.parseLong(p)));
    for (String ns : namespaces) {
      pids.addAll(namespacePids(ns));
    }
    kill(pids);
    for (String ns : namespaces) {
      try {
        run(List.of("ip", "netns", "del", ns));
      } catch (IOException e) {
        // Gone already.
      }
    }
    Set<String> hostnames = new LinkedHashSet<>();
    for (String ns : namespaces) {
      Matcher m = OWNED.matcher(ns);
      if (m.matches() && m.group(3).startsWith("n")) {
        hostnames.add(
            "node"
                + m.group(3).substring(1)
                + "-"
                + m.group(1).substring(m.group(1).indexOf('x') + 1));
      }
    }
    removeSessionFolders(hostnames);
    try {
      Files.deleteIfExists(state.resolve("namespaces"));
      Files.deleteIfExists(state.resolve("pids"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Open MPI's session folders of these hosts: {@code /tmp/ompi.HOST.UID}. */
  private static void removeSessionFolders(Set<String> hostnames) {
    if (hostnames.isEmpty()) {
      return;
    }
    try (DirectoryStream<Path> folders = Files.newDirectoryStream(Path.of("/tmp"), "ompi.*")) {
      for (Path folder : folders) {
        String name = folder.getFileName().toString();
        if (hostnames.stream().anyMatch(h -> name.startsWith("ompi." + h + "."))) {
          deleteTree(folder);
        }
      }
    } catch (IOException e) {
      // Nothing to remove.
    }
  }

  private static void deleteTree(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** SIGTERM, a moment, then SIGKILL; only the PIDs given, each checked alive. */
  private static void kill(Set<Long> pids) {
    List<ProcessHandle> live =
        pids.stream()
            .map(ProcessHandle::of)
            .flatMap(java.util.Optional::stream)
            .filter(ProcessHandle::isAlive)
            .toList();
    live.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (live.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
    }
    live.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : live) {
      try {
        p.onExit().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        // A process in uninterruptible sleep; the namespace goes with the last one.
      }
    }
  }

  private static List<Long> namespacePids(String ns) {
    try {
      return run(List.of("ip", "netns", "pids", ns))
          .lines()
          .map(String::strip)
          .filter(l -> l.matches("\\d+"))
          .map(Long::parseLong)
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Tears down clusters whose owner process is gone (a test JVM killed before its teardown). */
  static void tearDownOrphans() {
    List<String> orphans = new ArrayList<>();
    try {
      for (String line : run(List.of("ip", "netns", "list")).lines().toList()) {
        String name = line.split(" ")[0];
        Matcher m = OWNED.matcher(name);
        if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(2))).isEmpty()) {
          orphans.add(name);
        }
      }
    } catch (IOException e) {
      return;
    }
    if (orphans.isEmpty()) {
      return;
    }
    Set<Long> pids = new LinkedHashSet<>();
    orphans.forEach(ns -> pids.addAll(namespacePids(ns)));
    kill(pids);
    for (String ns : orphans) {
      try {
        run(List.of("ip", "netns", "del", ns));
      } catch (IOException e) {
        // Gone already.
      }
    }
  }

  private void record(String file, String line) throws IOException {
    Files.writeString(
        state.resolve(file),
        line + "\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
  }

  private void write(String file, String text) throws IOException {
    Files.writeString(state.resolve(file), text);
  }

  private static List<String> recorded(Path state, String file) {
    try {
      return Files.readAllLines(state.resolve(file)).stream()
          .map(String::strip)
          .filter(l -> !l.isEmpty())
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Runs a short command to its end; its output, or an IOException with its errors. */
  static String run(List<String> argv) throws IOException {
    Path out = Files.createTempFile("wall-cluster", ".out");
    try {
      Process p =
          new ProcessBuilder(argv)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(argv + " did not finish within 30 s");
      }
      String text = Files.readString(out);
      if (p.exitValue() != 0) {
        throw new IOException(
            String.join(" ", argv) + " failed (" + p.exitValue() + "): " + text.strip());
      }
      return text;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /**
   * By hand: {@code up N DIR} starts N nodes and waits until stdin closes or the process is stopped
   * (then tears down); {@code down DIR} tears down a cluster left behind; {@code exec DIR NODE
   * CMD...} runs a command inside node NODE.
   */
  public static void main(String[] args) throws Exception {
    if (args.length >= 3 && args[0].equals("up")) {
      try (NamespaceCluster cluster = start(Path.of(args[2]), Integer.parseInt(args[1]))) {
        for (Node node : cluster.nodes()) {
          System.out.println(node.hostname() + " " + node.address() + " sshd " + node.sshdPid());
        }
        System.out.println("ssh config: " + cluster.sshConfig());
        System.out.println("up; close stdin (Ctrl-D) or Ctrl-C to tear down");
        System.out.flush();
        while (System.in.read() >= 0) {
          // Wait for end of input.
        }
      }
      return;
    }
    if (args.length == 2 && args[0].equals("down")) {
      tearDown(Path.of(args[1]));
      return;
    }
    if (args.length >= 4 && args[0].equals("exec")) {
      Path state = Path.of(args[1]);
      List<String> pids = recorded(state, "pids");
      long pid = Long.parseLong(pids.get(Integer.parseInt(args[2]) - 1));
      List<String> argv =
          new ArrayList<>(List.of("nsenter", "-t", String.valueOf(pid), "-n", "-m", "-u", "--"));
      argv.addAll(List.of(args).subList(3, args.length));
      System.exit(new ProcessBuilder(argv).inheritIO().start().waitFor());
    }
    System.err.println("usage: test-cluster up N DIR | down DIR | exec DIR NODE CMD...");
    System.exit(2);
  }
}
