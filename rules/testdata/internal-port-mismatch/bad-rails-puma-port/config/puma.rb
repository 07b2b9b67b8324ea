# The shape of the config/puma.rb Rails 7.1 generates (railties v7.1.0
# generators/rails/app/templates/config/puma.rb.tt).
max_threads_count = ENV.fetch("RAILS_MAX_THREADS") { 5 }
min_threads_count = ENV.fetch("RAILS_MIN_THREADS") { max_threads_count }
threads min_threads_count, max_threads_count

worker_timeout 3600 if ENV.fetch("RAILS_ENV", "development") == "development"

# PORT is unset on Fly unless [env] sets it, so Puma binds 3000.
port ENV.fetch("PORT") { 3000 }

environment ENV.fetch("RAILS_ENV") { "development" }

plugin :tmp_restart
