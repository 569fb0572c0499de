using System.Runtime.CompilerServices;

namespace StreamEngine.Core.Fraud;

/// <summary>
/// A fixed-size, inline feature vector (no heap allocation) in <see cref="FraudFeature"/> order. Convert a variable of
/// this type to <see cref="Span{T}"/> to read or write it.
/// </summary>
[InlineArray(FraudFeatureNames.Count)]
public struct FraudFeatureVector
{
    private double _element0;

    public double this[FraudFeature feature]
    {
        readonly get => this[(int)feature];
        set => this[(int)feature] = value;
    }
}
