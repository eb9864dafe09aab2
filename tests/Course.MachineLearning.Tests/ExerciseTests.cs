using Course.MachineLearning.Data;
using Course.MachineLearning.Exercises;

namespace Course.MachineLearning.Tests;

public class ExerciseTests
{
    [Fact]
    public void Reference_gradient_step_passes_every_scenario()
    {
        var verdicts = GradientStepExercise.Check(GradientStepExercise.Reference);
        Assert.All(verdicts, v => Assert.True(v.Passed, v.ToString()));
    }

    [Fact]
    public void A_step_with_the_wrong_sign_fails_with_a_seed()
    {
        var verdicts = GradientStepExercise.Check((x, y, w, b, eta) =>
        {
            var (w2, b2) = GradientStepExercise.Reference(x, y, w, b, eta);
            return (w.Select((wj, j) => 2 * wj - w2[j]).ToArray(), 2 * b - b2); // ascends instead of descending
        });
        var first = verdicts.First();
        Assert.False(first.Passed);
        Assert.Equal(1, first.FirstFailingSeed);
    }

    [Fact]
    public void Reference_dense_backward_passes_every_scenario()
    {
        var verdicts = DenseBackwardExercise.Check(DenseBackwardExercise.Reference);
        Assert.All(verdicts, v => Assert.True(v.Passed, v.ToString()));
    }

    [Fact]
    public void Forgetting_to_sum_the_bias_over_the_batch_is_caught()
    {
        var verdicts = DenseBackwardExercise.Check((x, w, g) =>
        {
            var (dW, _, dX) = DenseBackwardExercise.Reference(x, w, g);
            return (dW, new Matrix(1, w.Cols, g.Row(0).ToArray()), dX); // only the first example's gradient
        });
        Assert.False(verdicts.Single(v => v.Scenario.StartsWith("∂L/∂b")).Passed);
        Assert.True(verdicts.Single(v => v.Scenario.StartsWith("∂L/∂W")).Passed);
    }
}
