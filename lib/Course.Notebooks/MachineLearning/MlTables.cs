using Course.MachineLearning.Regression;

namespace Course.Notebooks.MachineLearning;

/// <summary>Tables for the machine-learning weeks.</summary>
public static class MlTables
{
    /// <summary>Fitted linear models side by side, one row each, coefficients under their feature names.</summary>
    public static Table Coefficients(string caption, IReadOnlyList<string> features, params (string Method, LinearModel Model)[] models)
    {
        var table = new Table(caption, ["method", .. features, "bias"]);
        foreach (var (method, model) in models)
            table.Add([method, .. model.Weights.Select(w => (object)w.ToString("F4")), model.Bias.ToString("F4")]);
        return table;
    }
}
