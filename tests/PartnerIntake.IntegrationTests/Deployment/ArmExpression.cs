namespace PartnerIntake.IntegrationTests.Deployment;

/// <summary>Just enough of ARM's expression language to read the objects Bicep compiles to <c>createObject(...)</c>.</summary>
public static class ArmExpression
{
    /// <summary>Every literal key of every <c>createObject</c> call in the expression, with its value's expression.</summary>
    public static IEnumerable<(string Key, string Value)> CreateObjectPairs(string expression)
    {
        const string call = "createObject(";
        for (var at = expression.IndexOf(call, StringComparison.Ordinal); at >= 0; at = expression.IndexOf(call, at + 1, StringComparison.Ordinal))
        {
            var arguments = Arguments(expression, at + call.Length);
            for (var i = 0; i + 1 < arguments.Count; i += 2)
            {
                var key = arguments[i].Trim();
                if (key.Length >= 2 && key[0] == '\'' && key[^1] == '\'')
                {
                    yield return (key[1..^1].Replace("''", "'", StringComparison.Ordinal), arguments[i + 1].Trim());
                }
            }
        }
    }

    /// <summary>The top-level, comma-separated arguments of the call whose '(' ends just before <paramref name="start"/>.</summary>
    private static List<string> Arguments(string expression, int start)
    {
        var arguments = new List<string>();
        var depth = 0;
        var inString = false;
        var from = start;
        for (var i = start; i < expression.Length; i++)
        {
            var c = expression[i];
            if (inString)
            {
                // '' is an escaped quote inside a string literal.
                if (c == '\'' && (i + 1 >= expression.Length || expression[i + 1] != '\''))
                {
                    inString = false;
                }
                else if (c == '\'')
                {
                    i++;
                }
            }
            else if (c == '\'')
            {
                inString = true;
            }
            else if (c is '(' or '[')
            {
                depth++;
            }
            else if (c is ')' or ']')
            {
                if (depth == 0)
                {
                    arguments.Add(expression[from..i]);
                    return arguments;
                }

                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                arguments.Add(expression[from..i]);
                from = i + 1;
            }
        }

        throw new FormatException("Unbalanced ARM expression.");
    }
}
