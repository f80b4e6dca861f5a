package blogsearch.ingest;

/**
 * Feeds queued and not yet done. A Phaser would do, but it holds at most 65,535 parties, and a folder
 * or OPML list may name more feeds than that.
 */
final class Pending {
    private long count;

    synchronized void add() {
        count++;
    }

    synchronized void done() {
        if (--count == 0) {
            notifyAll();
        }
    }

    /** Waits until every feed queued so far, and every feed they queued, is done. */
    synchronized void awaitNone() {
        boolean interrupted = false;
        while (count > 0) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true; // the workers write to the index: let them finish, then pass it on
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
