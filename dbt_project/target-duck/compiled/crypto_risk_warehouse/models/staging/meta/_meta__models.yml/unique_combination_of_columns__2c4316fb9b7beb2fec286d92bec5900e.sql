
select kind, venue, asset, count(*) as rows_per_combination
from "warehouse"."staging"."stg_meta__universe_assets"
group by kind, venue, asset
having count(*) > 1
