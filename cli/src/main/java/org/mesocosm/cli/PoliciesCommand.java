package org.mesocosm.cli;

import java.util.concurrent.Callable;
import org.mesocosm.runtime.policy.PolicyParams;
import org.mesocosm.runtime.policy.PolicyProvider;
import org.mesocosm.runtime.policy.PolicyRegistry;
import picocli.CommandLine.Command;

@Command(name = "policies", mixinStandardHelpOptions = true,
        header = "List every scheduling policy with its parameters.",
        description = "Use one as --policy NAME[:key=value,...].")
final class PoliciesCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    OutputOption output;

    @Override
    public Integer call() {
        if (output.json()) {
            com.fasterxml.jackson.databind.node.ArrayNode all = OutputOption.mapper().createArrayNode();
            for (PolicyProvider p : PolicyRegistry.load().providers()) {
                var o = all.addObject().put("name", p.name()).put("description", p.description());
                var params = o.putArray("parameters");
                for (PolicyParams.Param param : p.parameters()) {
                    var q = params.addObject().put("name", param.name());
                    if (param.defaultValue().isEmpty()) q.putNull("default");
                    else q.put("default", param.defaultValue());
                    q.put("description", param.description());
                }
            }
            OutputOption.print(OutputOption.mapper().createObjectNode().set("policies", all));
            return 0;
        }
        java.util.List<java.util.List<String>> rows = new java.util.ArrayList<>();
        for (PolicyProvider p : PolicyRegistry.load().providers()) {
            rows.add(java.util.List.of(p.name(), "", "", p.description()));
            for (PolicyParams.Param param : p.parameters()) {
                rows.add(java.util.List.of("", param.name(), param.defaultValue().isEmpty() ? "-" : param.defaultValue(), param.description()));
            }
        }
        System.out.print(Columns.table(java.util.List.of("POLICY", "PARAMETER", "DEFAULT", "DESCRIPTION"), rows));
        return 0;
    }
}
