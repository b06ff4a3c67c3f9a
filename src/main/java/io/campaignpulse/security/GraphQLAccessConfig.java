package io.campaignpulse.security;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;

/** The settings of who may call the GraphQL API (see the README, "Use from your frontend"). */
@ApplicationScoped
public class GraphQLAccessConfig {

    private final Optional<GraphQLAuthMode> configuredMode;
    private final Optional<String> readToken;
    private final Optional<String> adminToken;
    private final Set<String> readTokenClients;
    private final Set<String> adminTokenClients;
    private final String clientClaim;
    private final Optional<String> allClientsRole;

    public GraphQLAccessConfig(@ConfigProperty(name = "pulse.graphql.auth") Optional<String> mode,
            @ConfigProperty(name = "pulse.graphql.read-token") Optional<String> readToken,
            @ConfigProperty(name = "pulse.admin.token") Optional<String> adminToken,
            @ConfigProperty(name = "pulse.graphql.read-token-clients", defaultValue = "*") String readTokenClients,
            @ConfigProperty(name = "pulse.admin.token-clients", defaultValue = "*") String adminTokenClients,
            @ConfigProperty(name = "pulse.graphql.client-claim", defaultValue = "optimizely_clients") String clientClaim,
            @ConfigProperty(name = "pulse.graphql.all-clients-role") Optional<String> allClientsRole) {
        this.configuredMode = GraphQLAuthMode.parse(mode.orElse(null));
        this.readToken = nonBlank(readToken);
        this.adminToken = nonBlank(adminToken);
        this.readTokenClients = clientList(readTokenClients);
        this.adminTokenClients = clientList(adminTokenClients);
        this.clientClaim = clientClaim.trim();
        this.allClientsRole = nonBlank(allClientsRole);
    }

    /** The mode as configured; empty when {@code pulse.graphql.auth} is not set. */
    public Optional<GraphQLAuthMode> configuredMode() {
        return configuredMode;
    }

    /**
     * The mode in force. Unset, it is what the service did before the setting existed: {@code token} with a
     * read token, {@code none} without (the prod profile refuses to start that way, see GraphQLAccessStartupCheck).
     */
    public GraphQLAuthMode mode() {
        return configuredMode.orElse(readToken.isPresent() ? GraphQLAuthMode.TOKEN : GraphQLAuthMode.NONE);
    }

    public Optional<String> readToken() {
        return readToken;
    }

    public Optional<String> adminToken() {
        return adminToken;
    }

    public Set<String> readTokenClients() {
        return readTokenClients;
    }

    public Set<String> adminTokenClients() {
        return adminTokenClients;
    }

    public String clientClaim() {
        return clientClaim;
    }

    public Optional<String> allClientsRole() {
        return allClientsRole;
    }

    private static Optional<String> nonBlank(Optional<String> value) {
        return value.map(String::trim).filter(v -> !v.isEmpty());
    }

    static Set<String> clientList(String commaSeparated) {
        List<String> ids = Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(id -> !id.isEmpty()).toList();
        return Set.copyOf(new LinkedHashSet<>(ids));
    }
}
