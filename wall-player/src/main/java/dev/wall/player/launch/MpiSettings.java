package dev.wall.player.launch;

import dev.wall.player.nodes.Ssh;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What decides how mpirun runs besides the layout: the technician's {@code OMPI_MCA_*} variables,
 * which are respected (an MCA option the wall would pass is left out when the technician set that
 * parameter: Open MPI's command line would override the variable), and the wall's ssh.
 *
 * @param technician the {@code OMPI_MCA_*} variables of the controller's environment
 * @param ssh how the controller reaches the other nodes
 */
public record MpiSettings(Map<String, String> technician, Ssh ssh) {
  private static final String PREFIX = "OMPI_MCA_";

  /** Open MPI's other names for the ssh agent parameter. */
  private static final List<String> AGENT_NAMES =
      List.of("plm_rsh_agent", "orte_rsh_agent", "pls_rsh_agent");

  public MpiSettings {
    technician = Map.copyOf(technician);
  }

  /** The {@code OMPI_MCA_*} variables of {@code environment}, and the wall's ssh. */
  public static MpiSettings of(Map<String, String> environment, Ssh ssh) {
    Map<String, String> mca = new TreeMap<>();
    environment.forEach(
        (name, value) -> {
          if (name.startsWith(PREFIX)) {
            mca.put(name, value);
          }
        });
    return new MpiSettings(mca, ssh);
  }

  /** No variables of the technician's, and no ssh config: Open MPI's own ssh. */
  public static MpiSettings none() {
    return new MpiSettings(Map.of(), new Ssh(null));
  }

  /**
   * True when the technician set MCA parameter {@code name} (or, for the ssh agent, any of its
   * names).
   */
  public boolean technicianSets(String name) {
    List<String> names = AGENT_NAMES.contains(name) ? AGENT_NAMES : List.of(name);
    return names.stream().anyMatch(n -> technician.containsKey(PREFIX + n));
  }
}
