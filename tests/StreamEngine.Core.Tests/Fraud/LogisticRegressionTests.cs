using StreamEngine.Core.Fraud;

namespace StreamEngine.Core.Tests.Fraud;

public sealed class LogisticRegressionTests
{
    [Fact]
    public void Newton_ConvergesToTheMinimumFoundByLongGradientDescent()
    {
        var rng = new Random(3);
        var rows = new double[300][];
        var labels = new bool[300];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = [(rng.NextDouble() * 4) - 2, (rng.NextDouble() * 4) - 2];
            var p = 1 / (1 + Math.Exp(-((1.5 * rows[i][0]) - rows[i][1] - 0.5)));
            labels[i] = rng.NextDouble() < p;
        }

        var weights = labels.Select(l => l ? 2.0 : 1.0).ToArray();
        const double l2 = 0.01;
        var fit = LogisticRegression.Fit(rows, labels, weights, l2, 50, 1e-10);
        Assert.True(fit.Converged);
        Assert.True(fit.Iterations < 15, $"{fit.Iterations} iterations");

        // Reference: plain gradient descent on the same objective, many small steps.
        var beta = new double[3];
        var total = weights.Sum();
        for (var step = 0; step < 20_000; step++)
        {
            var g = new double[3];
            for (var n = 0; n < rows.Length; n++)
            {
                var p = FraudModel.Sigmoid((beta[0] * rows[n][0]) + (beta[1] * rows[n][1]) + beta[2]);
                var r = weights[n] / total * (p - (labels[n] ? 1 : 0));
                g[0] += r * rows[n][0];
                g[1] += r * rows[n][1];
                g[2] += r;
            }

            g[0] += l2 * beta[0];
            g[1] += l2 * beta[1];
            for (var k = 0; k < 3; k++)
            {
                beta[k] -= 0.5 * g[k];
            }
        }

        Assert.Equal(beta[0], fit.Weights[0], 4);
        Assert.Equal(beta[1], fit.Weights[1], 4);
        Assert.Equal(beta[2], fit.Bias, 4);
        Assert.True(fit.Weights[0] > 1 && fit.Weights[1] < -0.5);
    }

    [Fact]
    public void SeparableData_StaysFiniteUnderL2()
    {
        double[][] rows = [[-1.0], [-0.5], [0.5], [1.0]];
        var fit = LogisticRegression.Fit(rows, [false, false, true, true], [1, 1, 1, 1], 0.01, 100, 1e-9);
        Assert.True(fit.Converged);
        Assert.True(double.IsFinite(fit.Weights[0]) && fit.Weights[0] > 1);
    }
}
