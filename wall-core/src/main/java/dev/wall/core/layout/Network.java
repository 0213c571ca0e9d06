package dev.wall.core.layout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The cluster network. {@code subnet} feeds the NFS export and MPI's interface choice; {@code
 * gateway} and {@code dns} are only used by {@code wall setup static-ip}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Network(String subnet, String iface, String gateway, java.util.List<String> dns) {

  @JsonCreator
  public Network(
      @JsonProperty("subnet") String subnet,
      @JsonProperty("interface") String iface,
      @JsonProperty("gateway") String gateway,
      @JsonProperty("dns") java.util.List<String> dns) {
    this.subnet = subnet;
    this.iface = iface;
    this.gateway = gateway;
    this.dns = dns == null ? java.util.List.of() : java.util.List.copyOf(dns);
  }

  @JsonProperty("interface")
  public String iface() {
    return iface;
  }
}
