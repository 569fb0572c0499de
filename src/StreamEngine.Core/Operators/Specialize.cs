using System.Reflection;
using System.Runtime.ExceptionServices;

namespace StreamEngine.Core.Operators;

/// <summary>
/// Builds an operator sink closed over the aggregate's concrete struct type. The public verbs take the aggregate as
/// IWindowAggregate so C# infers TState and TOut; closing the sink over the struct type (once per subscription) lets
/// the JIT specialise and inline Add/Merge instead of calling through the interface per event.
/// </summary>
internal static class Specialize
{
    public static TSink Sink<TSink>(Type openSinkType, Type[] typeArguments, params object?[] arguments)
    {
        try
        {
            return (TSink)Activator.CreateInstance(openSinkType.MakeGenericType(typeArguments), arguments)!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            // A sink constructor's own error (a store already in use) surfaces as itself, not as a reflection wrapper.
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }
}
