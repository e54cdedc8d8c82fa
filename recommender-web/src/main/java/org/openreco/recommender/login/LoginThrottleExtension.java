package org.openreco.recommender.login;

import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import jakarta.servlet.ServletContext;

/**
 * Puts {@link LoginThrottleHandler} in front of the deployment's security handlers (an outer handler
 * runs before authentication, a servlet filter only after it). Registered in META-INF/services.
 */
public class LoginThrottleExtension implements ServletExtension {

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
        deployment.addOuterHandlerChainWrapper(LoginThrottleHandler::new);
    }
}
