package dev.gatehouse.application.call;

import dev.gatehouse.domain.call.ActingUser;
import dev.gatehouse.domain.call.AppId;
import dev.gatehouse.domain.call.AppVersion;
import dev.gatehouse.domain.call.CallOutcome;
import dev.gatehouse.domain.call.Ingress;
import dev.gatehouse.domain.call.VerifiedCall;
import java.util.List;

/** {@code /<app> info}: which Gatehouse installation and app version answered, and who Mattermost says the caller is. */
public final class DescribeInstallation {

    private final AppId appId;
    private final AppVersion version;

    public DescribeInstallation(AppId appId, AppVersion version) {
        this.appId = appId;
        this.version = version;
    }

    public CallOutcome.Ok describe(VerifiedCall call) {
        String who =
                call.actingUser().map(DescribeInstallation::describe).orElse("Mattermost did not say who you are.");
        return new CallOutcome.Ok("**" + appId + "** " + version + " for installation **"
                + call.installation().name() + "** (" + call.installation().id() + ").\n" + who + "\n"
                + ingress(call));
    }

    private static String ingress(VerifiedCall call) {
        if (call.ingress() == Ingress.APPS) {
            return "Reached through the Apps framework.";
        }
        List<String> teams = call.installation().slashCommands().stream()
                .map(command -> command.teamName() == null ? command.teamId() : command.teamName())
                .toList();
        return "Reached through the slash command, set up for "
                + (teams.isEmpty() ? "no team" : String.join(", ", teams)) + ".";
    }

    private static String describe(ActingUser user) {
        String name = user.username().isEmpty() ? "" : "@" + user.username() + " ";
        return "You are " + name + "(user id " + user.id() + ")" + (user.isSystemAdmin() ? ", a system admin." : ".");
    }
}
