package org.proxyconfig.application.port.in;

/** Read the configuration in force. */
public interface GetProxyConfigUseCase {

    /** The current configuration, or the defaults at revision 0 when nothing was stored. */
    CurrentProxyConfig current();
}
