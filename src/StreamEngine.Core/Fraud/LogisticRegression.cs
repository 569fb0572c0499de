namespace StreamEngine.Core.Fraud;

/// <summary>
/// L2-regularised, sample-weighted logistic regression fitted by Newton's method (IRLS) with step halving, on
/// already standardised rows. Minimises (1/W) sum_i s_i logloss_i + (lambda/2) |w|^2 (the bias is not penalised).
/// </summary>
internal static class LogisticRegression
{
    public static (double[] Weights, double Bias, int Iterations, bool Converged) Fit(
        double[][] rows, bool[] labels, double[] sampleWeights, double l2, int maxIterations, double tolerance)
    {
        var d = rows.Length == 0 ? 0 : rows[0].Length;
        var p = d + 1; // last coefficient is the bias
        var beta = new double[p];
        var totalWeight = 0.0;
        foreach (var s in sampleWeights)
        {
            totalWeight += s;
        }

        var loss = Loss(rows, labels, sampleWeights, beta, l2, totalWeight);
        for (var iteration = 1; iteration <= maxIterations; iteration++)
        {
            var gradient = new double[p];
            var hessian = new double[p * p];
            for (var n = 0; n < rows.Length; n++)
            {
                var x = rows[n];
                var prob = FraudModel.Sigmoid(Dot(x, beta));
                var s = sampleWeights[n] / totalWeight;
                var r = s * (prob - (labels[n] ? 1 : 0));
                var h = s * Math.Max(prob * (1 - prob), 1e-12);
                for (var i = 0; i < p; i++)
                {
                    var xi = i < d ? x[i] : 1.0;
                    gradient[i] += r * xi;
                    var hxi = h * xi;
                    for (var j = 0; j <= i; j++)
                    {
                        hessian[(i * p) + j] += hxi * (j < d ? x[j] : 1.0);
                    }
                }
            }

            for (var i = 0; i < p; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    hessian[(j * p) + i] = hessian[(i * p) + j];
                }

                if (i < d)
                {
                    gradient[i] += l2 * beta[i];
                    hessian[(i * p) + i] += l2;
                }

                hessian[(i * p) + i] += 1e-10; // keeps the bias pivot positive when every row is identical
            }

            var step = SolveCholesky(hessian, gradient, p);
            var scale = 1.0;
            double[] candidate;
            double candidateLoss;
            do
            {
                candidate = new double[p];
                for (var i = 0; i < p; i++)
                {
                    candidate[i] = beta[i] - (scale * step[i]);
                }

                candidateLoss = Loss(rows, labels, sampleWeights, candidate, l2, totalWeight);
                scale /= 2;
            }
            while (candidateLoss > loss + 1e-12 && scale > 1e-6);

            var change = 0.0;
            for (var i = 0; i < p; i++)
            {
                change = Math.Max(change, Math.Abs(candidate[i] - beta[i]));
            }

            beta = candidate;
            loss = candidateLoss;
            if (change < tolerance)
            {
                return (beta[..d], beta[d], iteration, true);
            }
        }

        return (beta[..d], beta[d], maxIterations, false);
    }

    public static double Loss(double[][] rows, bool[] labels, double[] sampleWeights, double[] beta, double l2, double totalWeight)
    {
        var d = beta.Length - 1;
        var loss = 0.0;
        for (var n = 0; n < rows.Length; n++)
        {
            var z = Dot(rows[n], beta);

            // log(1 + e^z) - y z, computed without overflow.
            var softplus = z > 0 ? z + double.LogP1(Math.Exp(-z)) : double.LogP1(Math.Exp(z));
            loss += sampleWeights[n] / totalWeight * (softplus - (labels[n] ? z : 0));
        }

        for (var i = 0; i < d; i++)
        {
            loss += l2 / 2 * beta[i] * beta[i];
        }

        return loss;
    }

    private static double Dot(double[] x, double[] beta)
    {
        var z = beta[^1];
        for (var i = 0; i < x.Length; i++)
        {
            z += x[i] * beta[i];
        }

        return z;
    }

    private static double[] SolveCholesky(double[] a, double[] b, int n)
    {
        var l = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[(i * n) + j];
                for (var k = 0; k < j; k++)
                {
                    sum -= l[(i * n) + k] * l[(j * n) + k];
                }

                l[(i * n) + j] = i == j ? Math.Sqrt(Math.Max(sum, 1e-300)) : sum / l[(j * n) + j];
            }
        }

        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            var sum = b[i];
            for (var k = 0; k < i; k++)
            {
                sum -= l[(i * n) + k] * y[k];
            }

            y[i] = sum / l[(i * n) + i];
        }

        var x = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = y[i];
            for (var k = i + 1; k < n; k++)
            {
                sum -= l[(k * n) + i] * x[k];
            }

            x[i] = sum / l[(i * n) + i];
        }

        return x;
    }
}
