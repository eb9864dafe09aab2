using System.Globalization;
using System.Text.Json;

namespace Course.MachineLearning.Data;

/// <summary>
/// Loaders for the course datasets in the repository's <c>data/</c> folder (sources and licences in data/README.md).
/// The folder is found by walking up from the working directory and from the assembly's folder, so notebooks
/// (working directory = the notebook's folder), tests and benchmarks all find the same files.
/// </summary>
public static class DataFiles
{
    /// <summary>The 8×8 handwritten digits (UCI, CC BY 4.0): 1,797 rows of 64 pixels in 0..16 and a label 0..9.</summary>
    public static ClassificationData Digits(string? path = null)
    {
        path ??= Locate("digits.csv");
        var rows = new List<double[]>();
        var labels = new List<int>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var cells = line.Split(',');
            if (cells.Length != 65) throw new FormatException($"{path}:{lineNumber}: expected 65 values (64 pixels + label), got {cells.Length}.");
            rows.Add(cells[..64].Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray());
            labels.Add(int.Parse(cells[64], CultureInfo.InvariantCulture));
        }
        return new ClassificationData("digits", Matrix.FromRows(rows), [.. labels], 10);
    }

    /// <summary>The columns of <see cref="Cars"/>, in order.</summary>
    public static readonly string[] CarFeatures = ["Cylinders", "Displacement", "Horsepower", "Weight_in_lbs", "Acceleration", "Year"];

    /// <summary>
    /// Auto-MPG (StatLib, via vega-datasets' cars.json): predict miles per gallon from six numeric columns. Rows with
    /// a missing value (6 without horsepower, 8 without MPG) are dropped, leaving the usual 392.
    /// </summary>
    public static RegressionData Cars(string? path = null)
    {
        path ??= Locate("cars.json");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var rows = new List<double[]>();
        var targets = new List<double>();
        foreach (var car in doc.RootElement.EnumerateArray())
        {
            if (!TryNumber(car, "Miles_per_Gallon", out var mpg)) continue;
            var row = new double[CarFeatures.Length];
            var complete = true;
            for (var j = 0; j < CarFeatures.Length && complete; j++)
                complete = CarFeatures[j] == "Year"
                    ? TryYear(car, out row[j])
                    : TryNumber(car, CarFeatures[j], out row[j]);
            if (!complete) continue;
            rows.Add(row);
            targets.Add(mpg);
        }
        return new RegressionData("cars (auto-mpg)", Matrix.FromRows(rows), [.. targets], [.. CarFeatures], "Miles_per_Gallon");
    }

    /// <summary>Finds <paramref name="fileName"/> in the nearest <c>data/</c> folder above the working or assembly directory.</summary>
    public static string Locate(string fileName)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "data", fileName);
                if (File.Exists(candidate)) return candidate;
            }
        throw new FileNotFoundException(
            $"data/{fileName} not found above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}; run from inside the course repository.", fileName);
    }

    private static bool TryNumber(JsonElement e, string name, out double value)
    {
        value = 0;
        return e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetDouble(out value);
    }

    private static bool TryYear(JsonElement e, out double year)
    {
        year = 0;
        if (!e.TryGetProperty("Year", out var p) || p.ValueKind != JsonValueKind.String) return false;
        var ok = DateTime.TryParse(p.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var date);
        year = date.Year;
        return ok;
    }
}
