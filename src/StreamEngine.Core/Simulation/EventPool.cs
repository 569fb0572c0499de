namespace StreamEngine.Core.Simulation;

/// <summary>
/// Slot storage for scheduled steps, so the priority queues move 4-byte slot numbers instead of ~200-byte structs
/// (the schedule holds days of future shipments and labels, so heap moves dominate otherwise). Freed slots are reused.
/// </summary>
internal sealed class EventPool
{
    private PendingEvent[] _items = new PendingEvent[4096];
    private int[] _free = new int[4096];
    private int _freeCount;
    private int _used;

    public ref PendingEvent this[int slot] => ref _items[slot];

    public int Add(in PendingEvent e)
    {
        int slot;
        if (_freeCount > 0)
        {
            slot = _free[--_freeCount];
        }
        else
        {
            if (_used == _items.Length)
            {
                Array.Resize(ref _items, _items.Length * 2);
            }

            slot = _used++;
        }

        _items[slot] = e;
        return slot;
    }

    public void Free(int slot)
    {
        _items[slot].Lines = null;
        if (_freeCount == _free.Length)
        {
            Array.Resize(ref _free, _free.Length * 2);
        }

        _free[_freeCount++] = slot;
    }
}
