# glass-step.gdb — stop at every step of a TLS 1.2 handshake (docs/debugging.md).
#
#   make debug                  # -O0 -g3 build in build/debug (or use build/bin)
#   gdb -x docs/glass-step.gdb --args build/debug/bin/glass-step --no-pause --seed 1
#   (gdb) run
#
# One breakpoint per step handler of the two tables (lib/handshake/
# client_table.c and server_table.c): each prints who runs which step and
# the state, then waits for you.  Type `continue` (c) for the next step;
# `p hs->last` is the message struct of the step, `p/x hs->client_random`,
# `bt` shows how glass_handshake_step() got here.
# With `set $glass_auto = 1` before this file the breakpoints print and go
# on by themselves (tests/sh/gdb_steps.sh runs it that way in batch mode).

set pagination off
set confirm off
set breakpoint pending on
if $_isvoid($glass_auto)
  set $glass_auto = 0
end
set $glass_last_hs = 0
set $glass_last_state = -1

# glass_stop NAME: one line per step, then stop (or go on in auto mode).
# An optimised build may place a handler's breakpoint at two spots of the
# same function; the second stop of the same step goes on by itself.
define glass_stop
  if $glass_last_hs == (long) hs && $glass_last_state == hs->state
    continue
  else
    set $glass_last_hs = (long) hs
    set $glass_last_state = hs->state
    if hs->is_server
      printf "== gdb: Server $arg0 (state %s)\n", glass_hs_state_name(hs->state)
    else
      printf "== gdb: Client $arg0 (state %s)\n", glass_hs_state_name(hs->state)
    end
    if $glass_auto
      continue
    end
  end
end

# the client's table
break send_client_hello
commands
  silent
  glass_stop send_client_hello
end
break recv_server_hello
commands
  silent
  glass_stop recv_server_hello
end
break recv_certificate
commands
  silent
  glass_stop recv_certificate
end
break recv_server_key_exchange
commands
  silent
  glass_stop recv_server_key_exchange
end
break recv_server_hello_done
commands
  silent
  glass_stop recv_server_hello_done
end
break send_client_key_exchange
commands
  silent
  glass_stop send_client_key_exchange
end

# the server's table
break recv_client_hello
commands
  silent
  glass_stop recv_client_hello
end
break send_server_hello
commands
  silent
  glass_stop send_server_hello
end
break send_certificate
commands
  silent
  glass_stop send_certificate
end
break send_server_key_exchange
commands
  silent
  glass_stop send_server_key_exchange
end
break send_server_hello_done
commands
  silent
  glass_stop send_server_hello_done
end
break recv_client_key_exchange
commands
  silent
  glass_stop recv_client_key_exchange
end

# in both tables (one breakpoint, two locations)
break send_change_cipher_spec
commands
  silent
  glass_stop send_change_cipher_spec
end
break recv_change_cipher_spec
commands
  silent
  glass_stop recv_change_cipher_spec
end
break send_finished
commands
  silent
  glass_stop send_finished
end
break recv_finished
commands
  silent
  glass_stop recv_finished
end
