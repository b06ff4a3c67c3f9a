package io.campaignpulse.retention;

/** Maintenance is already running (on this or another replica); the runs never overlap. */
public class MaintenanceRunningException extends RuntimeException {

    public MaintenanceRunningException() {
        super("Partition maintenance is already running on this or another replica; try again when it is done", null, false, false);
    }
}
