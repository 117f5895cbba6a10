namespace AtTicket.Web.Components.Admin.Venues;

/// <summary>The last states before changes, newest last; the oldest fall off beyond <paramref name="depth"/>.</summary>
public sealed class UndoHistory<TState>(int depth)
{
    private readonly LinkedList<TState> _states = new();

    public bool CanUndo => _states.Count > 0;

    public void Record(TState before)
    {
        _states.AddLast(before);
        if (_states.Count > depth)
        {
            _states.RemoveFirst();
        }
    }

    public bool TryUndo(out TState before)
    {
        if (_states.Last is not { } last)
        {
            before = default!;
            return false;
        }

        _states.RemoveLast();
        before = last.Value;
        return true;
    }
}
