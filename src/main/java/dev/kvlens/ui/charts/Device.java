package dev.kvlens.ui.charts;

/** A device memory the memory chart can draw as a budget line (decimal GB, as vendors count). */
public enum Device {
    NONE(0), GB16(16), GB24(24), GB40(40), GB80(80), GB141(141);

    private final int gigabytes;

    Device(int gigabytes) {
        this.gigabytes = gigabytes;
    }

    public long bytes() {
        return gigabytes * 1_000_000_000L;
    }

    public int gigabytes() {
        return gigabytes;
    }

    public boolean isNone() {
        return gigabytes == 0;
    }
}
