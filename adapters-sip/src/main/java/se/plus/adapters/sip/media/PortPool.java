package se.plus.adapters.sip.media;

/**
 * The even RTP ports of the relay's range that no session holds, in a ring: a released port goes to
 * the back, so a port closed a moment ago is the last to be handed out again (late packets of the old
 * call then reach nobody rather than the next call).
 */
public final class PortPool {

    private final int[] ring;
    private int head;
    private int free;

    /** Every even port p of [portMin, portMax] whose RTCP port p+1 is in the range too. */
    public PortPool(int portMin, int portMax) {
        int pairs = Math.max(0, (portMax - portMin + 1) / 2);
        this.ring = new int[pairs];
        for (int i = 0; i < pairs; i++) {
            ring[i] = portMin + 2 * i;
        }
        this.free = pairs;
    }

    /** The next free RTP port, or -1 when every pair is taken. */
    public synchronized int take() {
        if (free == 0) {
            return -1;
        }
        int port = ring[head];
        head = (head + 1) % ring.length;
        free--;
        return port;
    }

    public synchronized void give(int port) {
        ring[(head + free) % ring.length] = port;
        free++;
    }

    public synchronized int free() {
        return free;
    }
}
