package io.campaignpulse.live;

/**
 * Whether the transport of one subscriber can take another item now. The GraphQL WebSocket layer
 * writes every item it is given at once, whatever the client reads, so without this signal a stalled
 * client would pile items up in the socket's outbound buffer; with it they wait in the
 * subscriber's bounded queue instead.
 */
@FunctionalInterface
public interface TransportBackpressure {

    TransportBackpressure ALWAYS_OPEN = () -> true;

    boolean isOpen();
}
