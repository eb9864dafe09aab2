using Course.Simulation;

namespace Course.LoadBalancing.ECommerce;

/// <summary>
/// A multi-server FIFO queue (M/G/c with a finite waiting room) in virtual time: <see cref="ServerSpec.Concurrency"/>
/// workers, a bounded queue, 503 when the queue is full or the server is failing. Counts its busy time for utilisation.
/// </summary>
internal sealed class SimulatedServer(ServerSpec spec, Simulation<object> sim, TimeSpan measuredUntil)
{
    private readonly Queue<(double WorkMs, Action<int> Done)> _waiting = new();
    private int _busy;

    public ServerSpec Spec { get; } = spec;

    /// <summary>Worker-milliseconds spent serving within [0, measuredUntil).</summary>
    public double BusyMs { get; private set; }

    /// <summary>Accepts a request of <paramref name="workMs"/> (its service time at speed 1); calls <paramref name="done"/> with the status.</summary>
    public void Submit(double workMs, Action<int> done)
    {
        if (Spec.IsFailedAt(sim.Now)) done(503);
        else if (_busy < Spec.Concurrency) Serve(workMs, done);
        else if (_waiting.Count < Spec.QueueLimit) _waiting.Enqueue((workMs, done));
        else done(503);   // the waiting room is full: shed load rather than queue without bound
    }

    private void Serve(double workMs, Action<int> done)
    {
        _busy++;
        var start = sim.Now;
        var service = TimeSpan.FromMilliseconds(workMs / Spec.SpeedAt(start));
        var end = start + service;
        if (start < measuredUntil) BusyMs += ((end < measuredUntil ? end : measuredUntil) - start).TotalMilliseconds;
        sim.Schedule(service, () =>
        {
            _busy--;
            done(200);
            if (_waiting.Count > 0)
            {
                var (w, d) = _waiting.Dequeue();
                Serve(w, d);
            }
        });
    }
}
