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
    @Override
    public Integer call() {
        for (PolicyProvider p : PolicyRegistry.load().providers()) {
            System.out.printf("%-8s %s%n", p.name(), p.description());
            for (PolicyParams.Param param : p.parameters()) {
                System.out.printf("           %-18s default %-8s %s%n", param.name(), param.defaultValue().isEmpty() ? "-" : param.defaultValue(),
                        param.description());
            }
        }
        return 0;
    }
}
