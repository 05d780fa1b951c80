# Shared by speed.sh and against-commit.sh (source it): `alternate REPEATS NAME_A NAME_B NOTE` runs the caller's
# functions run_a and run_b in turn REPEATS times (each prints one JSON line with "items_per_s"), then prints each
# run, the medians and the ratio a / b.
rate() { sed -n 's/.*"items_per_s": \([0-9.eE+-]*\).*/\1/p'; }
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
alternate() {
  local repeats=$1 name_a=$2 name_b=$3 note=$4 i a b m1 m2
  local -a as=() bs=()
  for i in $(seq "$repeats"); do
    a=$(run_a | rate); b=$(run_b | rate)
    echo "run $i: $name_a $a, $name_b $b ($note)"
    as+=("$a"); bs+=("$b")
  done
  m1=$(median "${as[@]}"); m2=$(median "${bs[@]}")
  echo "median: $name_a $m1/s, $name_b $m2/s, ratio $(awk -v a="$m1" -v b="$m2" 'BEGIN {printf "%.2f", a/b}')"
}
