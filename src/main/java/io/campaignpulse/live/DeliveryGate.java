package io.campaignpulse.live;

/**
 * Whether the transport of one subscriber can take another item now. The GraphQL WebSocket layer
 * writes every item it is given at once, whatever the client reads, so without a gate a stalled
 * client would pile items up in the socket's outbound buffer; with it they wait in the
 * subscriber's bounded queue instead.
 */
@FunctionalInterface
public interface DeliveryGate {

    DeliveryGate ALWAYS_OPEN = () -> true;

    boolean isOpen();
}
