import { FieldNode, GraphQLError, ValidationContext, ValidationRule } from 'graphql';

/**
 * Report fields aggregate a whole hierarchy per call; aliases could multiply one into dozens of full
 * aggregations in a single request while staying under the generic depth, alias and cost limits.
 * This rule allows at most `max` of them per document.
 */
export function maxExpensiveFieldsRule(fields: readonly string[], max: number): ValidationRule {
  const expensive = new Set(fields);
  return (context: ValidationContext) => {
    let count = 0;
    let reported = false;
    return {
      Field(node: FieldNode) {
        if (!expensive.has(node.name.value)) return;
        count++;
        if (count > max && !reported) {
          reported = true;
          context.reportError(
            new GraphQLError(
              `Query asks for too many reports (${[...expensive].join(', ')}): at most ${max} per request`,
              { nodes: [node] },
            ),
          );
        }
      },
    };
  };
}
