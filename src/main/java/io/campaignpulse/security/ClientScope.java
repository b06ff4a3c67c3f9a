package io.campaignpulse.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Which Optimizely clients' data a caller may see. Built from the {@value #ATTRIBUTE} attribute the
 * authentication puts on every identity that may read (see CONTRACT-auth / README "Per-client
 * isolation"): a set of clientIds, where {@value #EVERY_CLIENT} means all of them. Deny by default:
 * an identity without the attribute sees nothing.
 * <p>
 * Client ids are numbers in the event log; an id in the attribute that is not a number can match no
 * data and is kept only for {@link #allows(String)}.
 */
public final class ClientScope {

    /** The SecurityIdentity attribute carrying the visible clientIds (a {@code Set<String>}). */
    public static final String ATTRIBUTE = "pulse.clients";
    /** The member of the attribute that means every client. */
    public static final String EVERY_CLIENT = "*";

    private static final ClientScope ALL = new ClientScope(true, Set.of(), new Long[0]);
    private static final ClientScope NONE = new ClientScope(false, Set.of(), new Long[0]);

    private final boolean all;
    private final Set<String> clientIds;
    private final Long[] numericIds;

    private ClientScope(boolean all, Set<String> clientIds, Long[] numericIds) {
        this.all = all;
        this.clientIds = clientIds;
        this.numericIds = numericIds;
    }

    /** The scope of an identity; none (sees nothing) when the identity or its attribute is missing. */
    public static ClientScope of(SecurityIdentity identity) {
        return identity == null ? NONE : fromAttribute(identity.getAttribute(ATTRIBUTE));
    }

    /**
     * The scope an attribute value describes: a collection (or array) of ids, or one id. Members are
     * taken as text, so numbers from a JSON claim work as well as strings.
     */
    public static ClientScope fromAttribute(Object value) {
        if (value == null) {
            return NONE;
        }
        Collection<?> members;
        if (value instanceof Collection<?> collection) {
            members = collection;
        } else if (value instanceof Object[] array) {
            members = java.util.Arrays.asList(array);
        } else {
            members = java.util.List.of(value);
        }
        Set<String> ids = new LinkedHashSet<>();
        for (Object member : members) {
            if (member != null && member != jakarta.json.JsonValue.NULL) {
                // a JSON claim's strings print with their quotes: take their text
                String id = (member instanceof jakarta.json.JsonString json ? json.getString() : member.toString()).trim();
                if (id.equals(EVERY_CLIENT)) {
                    return ALL;
                }
                if (!id.isEmpty()) {
                    ids.add(id);
                }
            }
        }
        return ofClients(ids);
    }

    public static ClientScope ofClients(Collection<String> clientIds) {
        if (clientIds.contains(EVERY_CLIENT)) {
            return ALL;
        }
        if (clientIds.isEmpty()) {
            return NONE;
        }
        Set<Long> numeric = new LinkedHashSet<>();
        for (String id : clientIds) {
            try {
                numeric.add(Long.parseLong(id));
            } catch (NumberFormatException notAClientOfOurs) {
                // can match no stored data (client ids are numbers)
            }
        }
        return new ClientScope(false, Set.copyOf(clientIds), numeric.toArray(Long[]::new));
    }

    public static ClientScope all() {
        return ALL;
    }

    public static ClientScope none() {
        return NONE;
    }

    public boolean allowsAll() {
        return all;
    }

    /** True when no stored data can be visible: no client, or none whose id is a number. */
    public boolean seesNothing() {
        return !all && numericIds.length == 0;
    }

    public boolean allows(String clientId) {
        return all || clientId != null && clientIds.contains(clientId);
    }

    /** Whether data of this client may be shown; data of no client (null) only to those who see all. */
    public boolean allows(Long clientId) {
        if (all) {
            return true;
        }
        if (clientId == null) {
            return false;
        }
        for (Long id : numericIds) {
            if (id.longValue() == clientId.longValue()) {
                return true;
            }
        }
        return false;
    }

    /** The clientIds seen (empty when {@link #allowsAll()}). */
    public Set<String> clientIds() {
        return clientIds;
    }

    /**
     * The visible clientIds as numbers, for a {@code client_id = any(:ids)} predicate; only meaningful
     * when not {@link #allowsAll()}. A fresh array each call (arrays are mutable).
     */
    public Long[] numericClientIds() {
        return numericIds.clone();
    }

    /** The numeric ids as a set, or null when every client is visible (no filter needed). */
    public Set<Long> visibleClientsOrNull() {
        return all ? null : Set.of(numericIds);
    }

    @Override
    public String toString() {
        return all ? "ClientScope[*]" : "ClientScope" + clientIds;
    }
}
