"""The product on one machine: the web chat (``uitpas-bot demo``) and the scripted conversation
(``uitpas-bot demo --script``). The only room besides the command line that starts stand-ins."""
