threads 5, 5
workers 2

port ENV.fetch("PORT", 3000)

plugin :tmp_restart
